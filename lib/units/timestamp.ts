// Offsets of the zone abbreviations systemd may print (strftime %Z) for the zones a home lab is
// likely to run in. An abbreviation not listed gives null rather than a time that may be wrong.
const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, IST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120,
  EET: 120, EEST: 180, MSK: 180, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600, JST: 540, KST: 540, AEST: 600, AEDT: 660,
  ACST: 570, ACDT: 630, AWST: 480, NZST: 720, NZDT: 780,
};

const PRETTY = /^(?:[A-Za-z]{3} )?(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? ?(.*)$/;

function zoneOffsetMinutes(zone: string): number | null {
  const z = zone.trim();
  if (z === '') return 0; // no zone printed: read as UTC, what the VM runs in
  const num = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (num) return (num[1] === '-' ? -1 : 1) * (Number(num[2]) * 60 + Number(num[3] ?? 0));
  return ZONES[z.toUpperCase()] ?? null;
}

/**
 * A systemd timestamp as epoch milliseconds: `@1796309021` (--timestamp=unix),
 * `Thu 2026-12-03 14:43:41 UTC`, with microseconds (--timestamp=us), a named zone (CET, PDT…) or a
 * numeric offset. Empty, `0`, `n/a` and unknown zones give null.
 */
export function parseSystemdTimestamp(value: string | undefined): number | null {
  const v = value?.trim();
  if (!v || v === '0' || v === 'n/a' || v === '[not set]') return null;
  const unix = /^@(\d{1,12})(?:\.(\d{1,6}))?$/.exec(v);
  if (unix) {
    const ms = Number(unix[1]) * 1000 + Math.floor(Number((unix[2] ?? '0').padEnd(6, '0')) / 1000);
    return ms > 0 ? ms : null;
  }
  const m = PRETTY.exec(v);
  if (!m) return null;
  const offset = zoneOffsetMinutes(m[8]);
  if (offset === null) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const frac = Math.floor(Number((m[7] ?? '0').padEnd(6, '0')) / 1000);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s, frac) - offset * 60_000;
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/** journald's priorities, by number. */
export const PRIORITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;
export type PriorityName = (typeof PRIORITY_NAMES)[number];

/** A message longer than this (UTF-8 bytes, after stripping colours) is cut, with CUT_MARK after it. */
export const MESSAGE_MAX_BYTES = 16 * 1024;
export const CUT_MARK = ' …[cut at 16 KiB]';

export interface JournalEntry {
  /** When the entry was written (_SOURCE_REALTIME_TIMESTAMP, else __REALTIME_TIMESTAMP), ISO; null if neither. */
  time: string | null;
  /** 0 emerg … 7 debug; 6 (info) when missing or unreadable. */
  priority: number;
  /** The unit the line is about: UNIT= for PID 1's own lines about a unit, else _SYSTEMD_UNIT. */
  unit: string | null;
  pid: number | null;
  /** SYSLOG_IDENTIFIER, else _COMM: "systemd", "jellyfin", … */
  identifier: string | null;
  /** Decoded text, colours stripped; may hold newlines. */
  message: string;
  cursor: string | null;
  bootId: string | null;
  /** long: cut at MESSAGE_MAX_BYTES; omitted: journalctl printed null (4096 bytes or more without --all). */
  cut?: 'long' | 'omitted';
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function bytesToText(v: unknown[]): string | null {
  if (!v.every((b) => Number.isInteger(b) && (b as number) >= 0 && (b as number) <= 255)) return null;
  return utf8.decode(Uint8Array.from(v as number[]));
}

/** One value as journalctl prints it: a string, bytes, or (a field given twice) a list of those. */
function valueText(v: unknown, join: string | null): string | null {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return null;
  if (v.length > 0 && v.every((x) => typeof x === 'number')) return bytesToText(v);
  const parts = v.map((x) => valueText(x, null)).filter((x): x is string => x !== null);
  if (parts.length === 0) return null;
  return join === null ? parts[0] : parts.join(join);
}

// CSI (colours, cursor moves), OSC (titles, links), charset choices and two-byte escapes; then other control bytes.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[()*+][0-9A-Za-z]|\x1b[@-Z\\-_]/g;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '').replace(CONTROL, '');
}

function cutMessage(text: string): { message: string; cut: boolean } {
  if (Buffer.byteLength(text) <= MESSAGE_MAX_BYTES) return { message: text, cut: false };
  // Cut on a character boundary: drop the partial character the byte cut may leave.
  const head = Buffer.from(text).subarray(0, MESSAGE_MAX_BYTES).toString('utf8').replace(/\uFFFD$/, '');
  return { message: head + CUT_MARK, cut: true };
}

function microsToIso(v: string | null): string | null {
  if (!v || !/^\d{1,17}$/.test(v)) return null;
  const ms = Math.floor(Number(v) / 1000);
  return ms > 0 ? new Date(ms).toISOString() : null;
}

function readMessage(raw: unknown): { message: string; cut?: 'long' | 'omitted' } {
  if (raw === null) return { message: '', cut: 'omitted' };
  // Bound the work before stripping: anything past four times the cap is cut anyway.
  const text = (valueText(raw, '\n') ?? '').slice(0, MESSAGE_MAX_BYTES * 4);
  const { message, cut } = cutMessage(stripAnsi(text));
  return cut ? { message, cut: 'long' } : { message };
}

/** Turn one `journalctl -o json` object into an entry. */
export function toJournalEntry(o: Record<string, unknown>): JournalEntry {
  const f = (k: string) => valueText(o[k], null);
  const pid = f('_PID');
  const prio = f('PRIORITY');
  const own = f('_SYSTEMD_UNIT');
  const about = f('UNIT');
  const fromPid1 = pid === '1' || own === 'init.scope';
  const entry: JournalEntry = {
    time: microsToIso(f('_SOURCE_REALTIME_TIMESTAMP')) ?? microsToIso(f('__REALTIME_TIMESTAMP')),
    priority: prio && /^[0-7]$/.test(prio) ? Number(prio) : 6,
    unit: (fromPid1 && about) || own || about || f('_SYSTEMD_USER_UNIT'),
    pid: pid && /^\d{1,10}$/.test(pid) ? Number(pid) : null,
    identifier: f('SYSLOG_IDENTIFIER') ?? f('_COMM'),
    message: '',
    cursor: f('__CURSOR'),
    bootId: f('_BOOT_ID'),
  };
  return { ...entry, ...readMessage(o.MESSAGE === undefined ? '' : o.MESSAGE) };
}

/** One line of `journalctl -o json`; null when it is not a JSON object (to be skipped and counted). */
export function parseJournalLine(line: string): JournalEntry | null {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  return toJournalEntry(data as Record<string, unknown>);
}

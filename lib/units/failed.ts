import { isValidUnitName } from './unit-name';

export interface ListedUnit {
  unit: string;
  load: string;
  active: string;
  sub: string;
  description: string;
}

/**
 * The call that lists every failed unit of a machine. JSON by default (systemd ≥ 246 honours
 * --output=json for list-units); `json: false` asks for the plain table, for the retry when a
 * version refuses the option.
 */
export function failedUnitsArgv(opts: { json?: boolean } = {}): string[] {
  const format = opts.json === false ? ['--plain', '--no-legend'] : ['--output=json'];
  return ['systemctl', 'list-units', '--state=failed', ...format, '--no-pager'];
}

/** True when systemctl refused --output=json, so the caller should retry with the plain table. */
export function rejectedJsonOutput(code: number | null, stderr: string): boolean {
  return code !== 0 && /(output|json)/i.test(stderr) && /(unknown|invalid|unrecognized|not supported|failed to parse)/i.test(stderr);
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function fromJson(data: unknown): ListedUnit[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((r) => {
    if (!r || typeof r !== 'object') return [];
    const o = r as Record<string, unknown>;
    const unit = str(o.unit);
    if (!isValidUnitName(unit)) return [];
    return [{ unit, load: str(o.load), active: str(o.active), sub: str(o.sub), description: str(o.description) }];
  });
}

function fromTable(text: string): ListedUnit[] {
  const rows: ListedUnit[] = [];
  for (const raw of text.split('\n')) {
    // Without --plain a bullet (● or *) stands before failed rows.
    const line = raw.replace(/^\s*(?:●|\*|\u25cf)?\s*/, '');
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(line);
    // Header, legend and "0 loaded units listed." lines do not start with a unit name.
    if (!m || !isValidUnitName(m[1])) continue;
    rows.push({ unit: m[1], load: m[2], active: m[3], sub: m[4], description: (m[5] ?? '').trim() });
  }
  return rows;
}

/**
 * Parse `systemctl list-units` output, JSON or the table (a version that ignores --output=json
 * prints the table; both are read). Rows whose first column is not a unit name are skipped.
 */
export function parseUnitList(output: string): ListedUnit[] {
  const text = output.trim();
  if (text.startsWith('[')) {
    try {
      return fromJson(JSON.parse(text));
    } catch {
      return [];
    }
  }
  return fromTable(text);
}

/** The names of the failed units in a `list-units --state=failed` answer. */
export function parseFailedUnits(output: string): string[] {
  return [...new Set(parseUnitList(output).filter((u) => u.active === 'failed' || u.sub === 'failed').map((u) => u.unit))];
}

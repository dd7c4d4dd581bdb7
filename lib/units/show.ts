import { parseSystemdTimestamp } from './timestamp';
import { unitNameProblem } from './unit-name';

/** What one `systemctl show` call asks for, per unit. */
export const UNIT_SHOW_PROPERTIES = [
  'Id', 'LoadState', 'ActiveState', 'SubState', 'Result', 'NRestarts', 'ActiveEnterTimestamp',
  'ExecMainStatus', 'ExecMainCode', 'MemoryCurrent', 'MainPID', 'UnitFileState',
  // Not in the list: when the unit entered its current state, so a failed unit says when it failed.
  'StateChangeTimestamp',
] as const;

/** Known values; newer systemd versions add more, which come through as they are. */
export type LoadState = 'loaded' | 'not-found' | 'bad-setting' | 'error' | 'masked' | 'stub' | 'merged' | (string & {});
export type ActiveState = 'active' | 'reloading' | 'inactive' | 'failed' | 'activating' | 'deactivating' | 'maintenance' | 'refreshing' | (string & {});

export interface UnitState {
  /** The unit's Id: its canonical name (an alias asked for comes back under the real name). */
  name: string;
  loadState: LoadState;
  activeState: ActiveState;
  subState: string;
  /** success, exit-code, signal, core-dump, watchdog, timeout, start-limit-hit, oom-kill, … */
  result: string;
  restarts: number | null;
  /** Active: when it became active (ActiveEnterTimestamp); otherwise when it entered its current
   * state (StateChangeTimestamp, e.g. when it failed). ISO, null when never or not printed. */
  since: string | null;
  mainPid: number | null;
  memoryBytes: number | null;
  /** The main process's exit status (or signal number when execMainCode is 2 or 3). */
  execMainStatus: number | null;
  /** CLD_* code: 1 exited, 2 killed, 3 dumped; null when the process never ran. */
  execMainCode: number | null;
  unitFileState: string | null;
}

/**
 * The argv (after `orb -m <machine>`) of the one call that reads every unit of a machine.
 * `unixTimestamps` (systemd ≥ 251) prints `@seconds`, free of the VM's time zone.
 */
export function unitShowArgv(units: readonly string[], opts: { unixTimestamps?: boolean } = {}): string[] {
  for (const u of units) {
    const problem = unitNameProblem(u);
    if (problem) throw new Error(`systemctl show: ${JSON.stringify(u.slice(0, 80))}: ${problem}`);
  }
  const ts = opts.unixTimestamps === false ? [] : ['--timestamp=unix'];
  return ['systemctl', 'show', `--property=${UNIT_SHOW_PROPERTIES.join(',')}`, ...ts, '--', ...units];
}

// 2^64-1 and 2^32-1 are how systemd prints "unset" for 64- and 32-bit counters.
const UNSET = new Set(['18446744073709551615', '4294967295']);

function count(v: string | undefined, zeroIsUnset = false): number | null {
  if (v === undefined || UNSET.has(v) || !/^\d{1,16}$/.test(v)) return null; // [not set], [no data], '' and garbage too
  const n = Number(v);
  return zeroIsUnset && n === 0 ? null : n;
}

const text = (v: string | undefined) => (v === undefined || v === '' || v.startsWith('[') ? null : v);

function toUnitState(p: Map<string, string>, id: string): UnitState {
  const active = parseSystemdTimestamp(p.get('ActiveEnterTimestamp'));
  const since = p.get('ActiveState') === 'active' ? active : (parseSystemdTimestamp(p.get('StateChangeTimestamp')) ?? active);
  const code = count(p.get('ExecMainCode'), true);
  return {
    name: id,
    loadState: p.get('LoadState') || 'unknown',
    activeState: p.get('ActiveState') || 'unknown',
    subState: p.get('SubState') || 'unknown',
    result: p.get('Result') || 'unknown',
    restarts: count(p.get('NRestarts')),
    since: since === null ? null : new Date(since).toISOString(),
    mainPid: count(p.get('MainPID'), true),
    memoryBytes: count(p.get('MemoryCurrent')),
    execMainStatus: code === null ? null : count(p.get('ExecMainStatus')),
    execMainCode: code,
    unitFileState: text(p.get('UnitFileState')),
  };
}

/**
 * Parse `systemctl show` output: one block of Key=value lines per unit, blocks separated by a
 * blank line, properties in systemd's own order. Keyed by Id (never by position); a block
 * without an Id is dropped. Unknown properties are ignored.
 */
export function parseUnitShow(output: string): Map<string, UnitState> {
  const units = new Map<string, UnitState>();
  for (const block of output.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    const props = new Map<string, string>();
    for (const line of block.split('\n')) {
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq).trim();
      if (!props.has(key)) props.set(key, line.slice(eq + 1).trim());
    }
    const id = props.get('Id');
    if (id && !units.has(id)) units.set(id, toUnitState(props, id));
  }
  return units;
}

export const unitExists = (u: UnitState) => u.loadState !== 'not-found';

/** How the main process ended, in systemd's words: exited, killed, dumped. */
export function execMainCodeName(code: number | null): string | null {
  return code === 1 ? 'exited' : code === 2 ? 'killed' : code === 3 ? 'dumped' : code === null ? null : String(code);
}

import { describeFailure, run, type RunResult } from './exec';
import { findOrb } from './orb-paths.mjs';
import { firstIPv4, OrbParseError, parseListJson, parseListTable, readStatus, type OrbMachine } from './orb-parse';
import type { OrbState } from './types';

export interface OrbSettings {
  bin?: string;
  timeoutMs: number;
}

export interface OrbReport {
  state: OrbState;
  reason?: string;
  /** null when the list could not be read (OrbStack stopped or orb failing). */
  machines: OrbMachine[] | null;
}

const OUTPUT_CAP = 256 * 1024;

export { orbCandidates } from './orb-paths.mjs';

/** The binary to run, or null with the places that were searched (the list in lib/orb-paths.mjs). */
export function resolveOrbBin(configured: string | undefined): { bin: string | null; searched: string[] } {
  if (configured) return { bin: configured, searched: [configured] };
  return findOrb();
}

export function orbRun(bin: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return run(bin, args, { timeoutMs, maxBytes: OUTPUT_CAP });
}

/**
 * Ask orb whether OrbStack runs, then which machines it has. `orb status` comes first because
 * most other orb commands start OrbStack when it is stopped, and a probe must never do that.
 */
export async function readOrb(settings: OrbSettings): Promise<OrbReport> {
  const { bin, searched } = resolveOrbBin(settings.bin);
  if (!bin) {
    return { state: 'not-installed', reason: `orb CLI not found (looked in ${searched.join(', ')}); set orb.bin in the config`, machines: null };
  }
  const t = settings.timeoutMs;
  const st = await orbRun(bin, ['status'], t);
  if (st.spawnError === 'ENOENT') return { state: 'not-installed', reason: `orb CLI not found at ${bin}; set orb.bin in the config`, machines: null };
  if (st.spawnError || st.timedOut || st.truncated) return { state: 'error', reason: describeFailure('orb status', st, t), machines: null };

  const status = readStatus(st.code, st.stdout, st.stderr);
  if (status.state !== 'running') return { state: status.state, reason: status.reason, machines: null };

  const json = await orbRun(bin, ['list', '-f', 'json'], t);
  let jsonProblem: string;
  if (json.code === 0 && !json.truncated) {
    try {
      return { state: 'running', machines: parseListJson(json.stdout) };
    } catch (e) {
      jsonProblem = e instanceof OrbParseError ? e.message : 'orb list -f json could not be read';
    }
  } else {
    jsonProblem = describeFailure('orb list -f json', json, t);
  }
  // Older versions, or a JSON shape we do not know: fall back to the text table.
  const table = await orbRun(bin, ['list'], t);
  if (table.code === 0 && !table.truncated) {
    try {
      return { state: 'running', machines: parseListTable(table.stdout) };
    } catch (e) {
      if (!(e instanceof OrbParseError)) throw e;
      return { state: 'running', reason: `${jsonProblem}; ${e.message}`, machines: null };
    }
  }
  return { state: 'running', reason: `${jsonProblem}; ${describeFailure('orb list', table, t)}`, machines: null };
}

/** The machine's IPv4 address from inside it; only called for a running machine. */
export async function readMachineAddress(settings: OrbSettings, machine: string): Promise<string | undefined> {
  const { bin } = resolveOrbBin(settings.bin);
  if (!bin) return undefined;
  const r = await orbRun(bin, ['-m', machine, 'hostname', '-I'], settings.timeoutMs);
  return r.code === 0 ? firstIPv4(r.stdout) : undefined;
}

import { z } from 'zod';
import type { MachineState, OrbMachine } from './types';

export type { OrbMachine } from './types';

const known: Record<string, MachineState> = {
  running: 'running',
  stopped: 'stopped',
  starting: 'starting',
  stopping: 'stopping',
  paused: 'paused',
};

export function normalizeState(raw: unknown): MachineState {
  if (typeof raw !== 'string') return 'unknown';
  return known[raw.trim().toLowerCase()] ?? 'unknown';
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
export const isIPv4 = (s: string) => IPV4.test(s);

const str = z.string().optional().catch(undefined);

// Field names from three independent parsers of `orb list -f json` (reference/orb.md §2).
const jsonMachine = z
  .object({
    name: z.string().min(1),
    state: z.unknown(),
    image: z.object({ distro: str, version: str, arch: str }).passthrough().optional().catch(undefined),
    networking: z.object({ ipv4: str }).passthrough().optional().catch(undefined),
    ip: str,
    ip4: str,
  })
  .passthrough();

export class OrbParseError extends Error {}

/** Parse `orb list -f json`. Throws OrbParseError when it is not a list of machines. */
export function parseListJson(text: string): OrbMachine[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new OrbParseError('orb list -f json did not print valid JSON');
  }
  // Some versions may wrap the list; accept {machines:[...]} as well.
  if (data && typeof data === 'object' && !Array.isArray(data) && Array.isArray((data as { machines?: unknown }).machines)) {
    data = (data as { machines: unknown[] }).machines;
  }
  if (!Array.isArray(data)) throw new OrbParseError('orb list -f json did not print a list');
  const machines: OrbMachine[] = [];
  for (const item of data) {
    const m = jsonMachine.safeParse(item);
    if (!m.success) continue; // a record we cannot read does not hide the others
    const v = m.data;
    const address = [v.networking?.ipv4, v.ip4, v.ip].find((a): a is string => typeof a === 'string' && isIPv4(a));
    machines.push({
      name: v.name,
      state: normalizeState(v.state),
      rawState: typeof v.state === 'string' ? v.state : String(v.state ?? ''),
      distro: v.image?.distro,
      version: v.image?.version,
      arch: v.image?.arch,
      address,
    });
  }
  if (data.length > 0 && machines.length === 0) throw new OrbParseError('orb list -f json printed no machine records it could read');
  return machines;
}

/**
 * Parse the text table of `orb list`. Columns are found by their header names, never by index:
 * newer versions add columns (disk size, IP) and may reorder them.
 */
export function parseListTable(text: string): OrbMachine[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const headerAt = lines.findIndex((l) => /\bNAME\b/.test(l) && /\bSTATE\b/.test(l));
  if (headerAt < 0) throw new OrbParseError('orb list printed no NAME/STATE header');
  const header = lines[headerAt];
  const cols: { name: string; start: number }[] = [];
  for (const m of header.matchAll(/\S+/g)) cols.push({ name: m[0].toUpperCase(), start: m.index ?? 0 });
  const rows = lines.slice(headerAt + 1).filter((l) => !/^[\s-]+$/.test(l));

  return rows.map((row) => {
    const cells = splitRow(row, cols);
    const get = (...names: string[]) => {
      for (const n of names) {
        const v = cells.get(n);
        if (v) return v;
      }
      return undefined;
    };
    const rawState = get('STATE', 'STATUS') ?? '';
    const ip = get('IP', 'IPV4', 'ADDRESS', 'IP ADDRESS');
    return {
      name: get('NAME') ?? '',
      state: normalizeState(rawState),
      rawState,
      distro: get('DISTRO', 'IMAGE'),
      version: get('VERSION'),
      arch: get('ARCH'),
      address: ip && isIPv4(ip) ? ip : undefined,
    };
  }).filter((m) => m.name !== '');
}

function splitRow(row: string, cols: { name: string; start: number }[]): Map<string, string> {
  const cells = new Map<string, string>();
  // Aligned table (tabwriter): cut at the header's column starts, as long as no cut lands inside a word.
  const aligned = cols.every((c, i) => i === 0 || c.start >= row.length || row[c.start - 1] === ' ' || row[c.start] === ' ');
  if (aligned) {
    cols.forEach((c, i) => cells.set(c.name, row.slice(c.start, cols[i + 1]?.start ?? row.length).trim()));
    return cells;
  }
  const tokens = row.trim().split(/\s{2,}|\t+/);
  const words = tokens.length === cols.length ? tokens : row.trim().split(/\s+/);
  cols.forEach((c, i) => cells.set(c.name, (words[i] ?? '').trim()));
  return cells;
}

/** First IPv4 address in `hostname -I` style output. */
export function firstIPv4(text: string): string | undefined {
  return text.split(/\s+/).find((t) => isIPv4(t));
}

export type OrbStatusReading = { state: 'running' | 'stopped' | 'error'; reason?: string };

/** Read `orb status`. Its exact text is not documented: trust the exit code, then the words. */
export function readStatus(code: number | null, stdout: string, stderr: string): OrbStatusReading {
  const text = `${stdout}\n${stderr}`.trim();
  const said = text.split('\n')[0]?.slice(0, 160) ?? '';
  if (code === 0 && /\brunning\b/i.test(stdout) && !/not running/i.test(stdout)) return { state: 'running' };
  if (/stopped|not running|agent not running/i.test(text)) return { state: 'stopped', reason: said ? `orb status: ${said}` : 'OrbStack is stopped' };
  if (code !== 0) return { state: 'stopped', reason: said ? `orb status exited ${code}: ${said}` : `orb status exited ${code}` };
  return { state: 'error', reason: said ? `orb status printed something unexpected: ${said}` : 'orb status printed nothing' };
}

import { assertMountPaths, DF_FIELDS, parseDfGnu, type DfAnswer } from './df';
import { disksFromDf, type Disk } from './disks';
import { parseLoadavg, parseMeminfo, parseNproc, parseUptime } from './proc';

/**
 * The one script a vitals read runs in the VM. It is a constant: the mount paths arrive as
 * positional arguments ("$@") and are never part of the script's text. Each part is fenced by
 * marker lines with its exit status, so a machine that stops mid-read leaves a readable prefix.
 */
export const VITALS_SCRIPT = [
  'export LC_ALL=C',
  'm() { echo "@@minivm:$1"; }',
  'm uptime; cat /proc/uptime 2>&1; m "rc $?"',
  'm loadavg; cat /proc/loadavg 2>&1; m "rc $?"',
  'm meminfo; cat /proc/meminfo 2>&1; m "rc $?"',
  'm nproc; nproc 2>&1; m "rc $?"',
  'i=0',
  `for p in "$@"; do i=$((i+1)); m "df $i"; df -B1 --output=${DF_FIELDS.join(',')} -- "$p" 2>&1; m "rc $?"; done`,
  'm end',
].join('\n');

/** The argv (after `orb -m <machine>`): one process for the whole read. */
export function vitalsArgv(mounts: readonly string[]): string[] {
  assertMountPaths(mounts, 'vitals read');
  return ['sh', '-c', VITALS_SCRIPT, 'sh', ...mounts];
}

/** JSON-ready; a part that could not be read is null (the problems say why). */
export interface Vitals {
  at: string;
  uptimeSeconds: number | null;
  load: [number, number, number] | null;
  cpus: number | null;
  memory: { totalBytes: number; availableBytes: number } | null;
  swap: { totalBytes: number; freeBytes: number } | null;
  disks: Disk[];
}

export interface VitalsRead {
  /** null when nothing at all could be read. */
  vitals: Vitals | null;
  /** False when the output stopped before the end marker (the machine stopped, a timeout). */
  complete: boolean;
  /** Configured mounts that do not exist in the VM: left out, not an error. */
  missingMounts: string[];
  /** Why a part is missing, in words. */
  problems: string[];
}

interface Section {
  lines: string[];
  rc: number | null;
}

function splitSections(stdout: string): { sections: Map<string, Section>; ended: boolean } {
  const sections = new Map<string, Section>();
  let current: Section | null = null;
  let ended = false;
  // A last line without its newline was cut short: not read.
  const lines = stdout.split('\n');
  lines.pop();
  for (const line of lines) {
    const m = /^@@minivm:(.+)$/.exec(line);
    if (!m) {
      current?.lines.push(line);
      continue;
    }
    const rc = /^rc (\d+)$/.exec(m[1]);
    if (rc && current) current.rc = Number(rc[1]);
    else if (m[1] === 'end') ended = true;
    else if (!rc) sections.set(m[1], (current = { lines: [], rc: null }));
    if (rc || m[1] === 'end') current = null;
  }
  return { sections, ended };
}

function readDf(sections: Map<string, Section>, mounts: readonly string[], problems: string[]) {
  const answers: DfAnswer[] = [];
  const missing: string[] = [];
  for (const [i, mount] of mounts.entries()) {
    const s = sections.get(`df ${i + 1}`);
    if (!s) {
      problems.push(`${mount}: not read (the read stopped early)`);
      continue;
    }
    const out = s.lines.filter((l) => !l.startsWith('df: ')).join('\n');
    const err = s.lines.filter((l) => l.startsWith('df: ')).join('\n');
    const a = parseDfGnu(out, err, [mount]);
    if (a.missing.length) missing.push(mount);
    else if (a.rows.length === 0) problems.push(`${mount}: ${a.errors[0] ?? (s.rc === null ? 'the read stopped early' : `df exited with ${s.rc}`)}`);
    else answers.push(a);
  }
  return { disks: disksFromDf(answers), missing };
}

/** Parse what VITALS_SCRIPT printed, for the mounts it was given. */
export function parseVitalsOutput(stdout: string, mounts: readonly string[], at: Date = new Date()): VitalsRead {
  const { sections, ended } = splitSections(stdout);
  const problems: string[] = [];
  const part = <T>(name: string, parse: (text: string) => T | null, what: string): T | null => {
    const s = sections.get(name);
    const value = s ? parse(s.lines.join('\n')) : null;
    if (value === null) problems.push(`${what}: ${s ? (s.lines.find(Boolean) ?? 'empty') : 'not read'}`);
    return value;
  };
  const uptimeSeconds = part('uptime', parseUptime, 'uptime');
  const load = part('loadavg', parseLoadavg, 'load');
  const cpus = part('nproc', parseNproc, 'CPU count');
  const mem = parseMeminfo(sections.get('meminfo')?.lines.join('\n') ?? '');
  const memory = mem.memTotalBytes !== null && mem.memAvailableBytes !== null ? { totalBytes: mem.memTotalBytes, availableBytes: mem.memAvailableBytes } : null;
  const swap = mem.swapTotalBytes !== null && mem.swapFreeBytes !== null ? { totalBytes: mem.swapTotalBytes, freeBytes: mem.swapFreeBytes } : null;
  if (!memory) problems.push('memory: MemTotal or MemAvailable missing from /proc/meminfo');
  if (!swap) problems.push('swap: SwapTotal or SwapFree missing from /proc/meminfo');
  const { disks, missing } = readDf(sections, mounts, problems);
  if (!ended) problems.unshift('the read stopped before the end (the machine stopped, or the read timed out)');
  const nothing = uptimeSeconds === null && load === null && cpus === null && !memory && !swap && disks.length === 0;
  const vitals = nothing ? null : { at: at.toISOString(), uptimeSeconds, load, cpus, memory, swap, disks };
  return { vitals, complete: ended, missingMounts: missing, problems };
}

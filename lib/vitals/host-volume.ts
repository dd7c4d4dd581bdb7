import { assertMountPaths } from './df';

/** POSIX df in KiB (the args after the df binary); the same header on macOS and Linux. */
export function hostDfArgv(path: string): string[] {
  assertMountPaths([path], 'host df');
  return ['-P', '-k', '--', path];
}

export interface PosixDfRow {
  source: string;
  sizeBytes: number;
  usedBytes: number;
  availBytes: number;
  capacityPercent: number;
  mountedOn: string;
}

/**
 * Rows of `df -P -k`. The first and last columns may hold spaces (`map auto_home`,
 * `/Volumes/My Disk`): the four numbers in the middle anchor the split.
 */
export function parseDfPosix(stdout: string): PosixDfRow[] {
  const rows: PosixDfRow[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^(.+?)\s+(\d{1,20})\s+(\d{1,20})\s+(\d{1,20})\s+(\d{1,3})%\s+(\/.*?)\s*$/.exec(line);
    if (!m) continue;
    const kib = (s: string) => Number(BigInt(s) * 1024n);
    rows.push({ source: m[1].trim(), sizeBytes: kib(m[2]), usedBytes: kib(m[3]), availBytes: kib(m[4]), capacityPercent: Number(m[5]), mountedOn: m[6] });
  }
  return rows;
}

/** A volume of the Mac mini as the snapshot shows it. */
export interface HostVolume {
  path: string;
  mounted: boolean;
  /** Why it is not mounted, or why it could not be read. */
  reason?: string;
  sizeBytes: number | null;
  usedBytes: number | null;
  availBytes: number | null;
}

// Where a path on the system disk resolves to when its own volume is not there.
const SYSTEM_MOUNTS = new Set(['/', '/System/Volumes/Data']);

function ownsPath(mountedOn: string, path: string): boolean {
  const p = path.replace(/\/+$/, '') || '/';
  if (mountedOn === p) return true;
  return !SYSTEM_MOUNTS.has(mountedOn) && p.startsWith(`${mountedOn}/`);
}

/**
 * Read one `df -P -k <path>` answer. Not mounted: the path is missing, or df answers for the
 * system volume instead of the path's own mount (a stray folder of that name on the system disk).
 */
export function readHostVolume(path: string, r: { code: number | null; stdout: string; stderr: string; spawnError?: string }): HostVolume {
  const none = { sizeBytes: null, usedBytes: null, availBytes: null };
  if (r.spawnError) return { path, mounted: false, reason: `df could not be run (${r.spawnError})`, ...none };
  const row = parseDfPosix(r.stdout)[0];
  if (!row) {
    const err = r.stderr.split('\n').map((l) => l.trim()).find(Boolean) ?? `df exited with ${r.code ?? 'a signal'}`;
    if (/No such file or directory/.test(err)) return { path, mounted: false, reason: `${path} does not exist: the volume is not mounted`, ...none };
    return { path, mounted: false, reason: err, ...none };
  }
  const sizes = { sizeBytes: row.sizeBytes, usedBytes: row.usedBytes, availBytes: row.availBytes };
  if (!ownsPath(row.mountedOn, path)) return { path, mounted: false, reason: `${path} is a folder on the system disk (${row.mountedOn}), not its own volume: the volume is not mounted`, ...sizes };
  return { path, mounted: true, ...sizes };
}

/** The columns asked of GNU df, in this order. */
export const DF_FIELDS = ['source', 'fstype', 'size', 'used', 'avail', 'itotal', 'iused', 'ipcent', 'target'] as const;

/**
 * Why a mount path cannot be asked about, or null. Absolute, no control characters (a newline
 * in a path would come back in df's error line and could pass for one of the read's markers).
 */
export function mountPathProblem(p: unknown): string | null {
  if (typeof p !== 'string' || !p.startsWith('/')) return 'a mount path is absolute: it starts with /';
  if (p.length > 4096) return 'a mount path has at most 4096 characters';
  if (/[\x00-\x1f\x7f]/.test(p)) return 'a mount path may not hold control characters';
  return null;
}

export function assertMountPaths(paths: readonly string[], what: string) {
  for (const p of paths) {
    const problem = mountPathProblem(p);
    if (problem) throw new Error(`${what}: ${JSON.stringify(String(p).slice(0, 80))}: ${problem}`);
  }
}

/** GNU df (coreutils) for the given paths, in bytes. `--` keeps a path from being read as an option. */
export function dfArgv(paths: readonly string[]): string[] {
  assertMountPaths(paths, 'df');
  return ['df', '-B1', `--output=${DF_FIELDS.join(',')}`, '--', ...paths];
}

/** One df row, exact: byte and inode counts are bigint, as df may print numbers beyond 2^53. */
export interface DfRow {
  source: string;
  fstype: string;
  sizeBytes: bigint;
  usedBytes: bigint;
  availBytes: bigint;
  /** null where df prints "-" (filesystems without inodes). */
  inodesTotal: bigint | null;
  inodesUsed: bigint | null;
  inodesUsedPercent: number | null;
  target: string;
}

const NUM = /^\d{1,30}$/;
const big = (s: string) => (NUM.test(s) ? BigInt(s) : null);

function parseGnuRow(line: string): DfRow | null {
  // source and type have no spaces in df's output; the mount point (last) may.
  const m = /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+|-)\s+(\d+|-)\s+(\d+%|-)\s+(\S.*)$/.exec(line.trim());
  if (!m) return null;
  const [size, used, avail] = [big(m[3]), big(m[4]), big(m[5])];
  if (size === null || used === null || avail === null) return null;
  return {
    source: m[1],
    fstype: m[2],
    sizeBytes: size,
    usedBytes: used,
    availBytes: avail,
    inodesTotal: big(m[6]),
    inodesUsed: big(m[7]),
    inodesUsedPercent: m[8] === '-' ? null : Number(m[8].slice(0, -1)),
    target: m[9],
  };
}

/** The paths df named on stderr as missing: `df: /boot: No such file or directory` (quoted when odd). */
export function dfMissingPaths(stderr: string): string[] {
  const out: string[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^df: (.+): No such file or directory$/.exec(line.trim());
    if (!m) continue;
    const p = m[1];
    out.push(/^'.*'$/.test(p) ? p.slice(1, -1).replace(/'\\''/g, "'") : p);
  }
  return out;
}

export interface DfAnswer {
  /** Each row with the path asked that produced it, when that is known. */
  rows: { path: string | null; row: DfRow }[];
  /** Paths that do not exist (left out without an error). */
  missing: string[];
  /** Other complaints from df, one line each. */
  errors: string[];
}

/**
 * Parse GNU `df -B1 --output=…` for `paths`: one row per path asked, in order, except the paths df
 * reported missing on stderr (it exits 1 and prints the others). When rows and paths do not line
 * up, rows keep path null.
 */
export function parseDfGnu(stdout: string, stderr: string, paths: readonly string[]): DfAnswer {
  const rows = stdout.split('\n').map(parseGnuRow).filter((r): r is DfRow => r !== null);
  const missing = dfMissingPaths(stderr);
  const present = paths.filter((p) => !missing.includes(p));
  const errors = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/No such file or directory$/.test(l));
  const aligned = present.length === rows.length;
  return { rows: rows.map((row, i) => ({ path: aligned ? present[i] : null, row })), missing, errors };
}

import type { DfAnswer, DfRow } from './df';

/** JSON-ready numbers: exact below 2^53 bytes (8 PiB), the nearest double above. */
export interface Disk {
  /** The filesystem's mount point (df's target). */
  mount: string;
  /** The configured paths that are on it, in the order asked: ['/', '/nix']. */
  mounts: string[];
  source: string;
  fstype: string;
  sizeBytes: number;
  usedBytes: number;
  availBytes: number;
  /** used / (used + avail), as df -h's Use%. */
  usedPercent: number;
  inodesUsedPercent: number | null;
}

function percent(used: bigint, avail: bigint): number {
  const total = used + avail;
  if (total === 0n) return 0;
  // Exact to 0.001 % whatever the size.
  return Number((used * 100_000n) / total) / 1000;
}

function toDisk(row: DfRow): Disk {
  return {
    mount: row.target,
    mounts: [],
    source: row.source,
    fstype: row.fstype,
    sizeBytes: Number(row.sizeBytes),
    usedBytes: Number(row.usedBytes),
    availBytes: Number(row.availBytes),
    usedPercent: percent(row.usedBytes, row.availBytes),
    inodesUsedPercent: row.inodesUsedPercent,
  };
}

/** One disk per filesystem (source + mount point), with every path asked that lies on it. */
export function disksFromDf(answers: readonly DfAnswer[]): Disk[] {
  const disks = new Map<string, Disk>();
  for (const { rows } of answers) {
    for (const { path, row } of rows) {
      const key = `${row.source}\u0000${row.target}`;
      const disk = disks.get(key) ?? toDisk(row);
      disks.set(key, disk);
      const p = path ?? row.target;
      if (!disk.mounts.includes(p)) disk.mounts.push(p);
    }
  }
  return [...disks.values()];
}

/** "/ (with /nix)", "/boot", "/var/lib (on /)". */
export function diskLabel(disk: Pick<Disk, 'mount' | 'mounts'>): string {
  const others = disk.mounts.filter((m) => m !== disk.mount);
  if (disk.mounts.includes(disk.mount) || disk.mounts.length === 0) return others.length ? `${disk.mount} (with ${others.join(', ')})` : disk.mount;
  return `${disk.mounts.join(', ')} (on ${disk.mount})`;
}

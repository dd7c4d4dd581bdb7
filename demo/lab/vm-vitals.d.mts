export interface VitalsSample {
  at: string;
  uptimeSeconds: number;
  load: [number, number, number];
  cpus: number;
  memory: { totalBytes: number; availableBytes: number };
  swap: { totalBytes: number; freeBytes: number };
  disks: { mount: string; mounts: string[]; sizeBytes: number; usedBytes: number; availBytes: number; inodesUsedPercent: number | null }[];
}

/** A week (by default) of plausible samples, oldest first, every 5 minutes. */
export declare function vitalsHistory(opts?: { now?: number; days?: number; stepMs?: number }): VitalsSample[];
export declare function loadAt(now: number, cpus: number): [number, number, number];

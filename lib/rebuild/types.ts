// Rebuild shapes shared by the server and the browser. Types only.

export const rebuildModes = ['switch', 'build', 'dry-build', 'rollback'] as const;
export type RebuildMode = (typeof rebuildModes)[number];

export type RebuildPhase = 'starting' | 'evaluating' | 'building' | 'activating' | 'done';

export type RebuildOutcome = 'running' | 'succeeded' | 'units-failed' | 'failed' | 'cancelled' | 'timed-out' | 'interrupted';

export interface RebuildProgress {
  phase: RebuildPhase;
  /** Derivations started so far ("building '/nix/store/….drv'"). */
  built: number;
  /** From "these M derivations will be built"; null until nix says. */
  total: number | null;
  failedUnits: string[];
}

export interface RebuildRun {
  id: string;
  target: string;
  mode: RebuildMode;
  client: string;
  startedAt: number;
  endedAt: number | null;
  exitCode: number | null;
  outcome: RebuildOutcome;
  durationMs: number | null;
  /** One or more lines that say why, for anything but success. */
  summary: string | null;
  progress: RebuildProgress;
  truncated: boolean;
}

export interface RebuildLine {
  seq: number;
  /** ms since the epoch */
  t: number;
  text: string;
  /**
   * Decided by the server alone (lib/rebuild/parse.ts lineLevel); the browser only draws it.
   * 'error' for a line that reports a failure, 'note' for the dashboard's own lines; absent otherwise.
   */
  level?: LineLevel;
}

export type LineLevel = 'error' | 'note';

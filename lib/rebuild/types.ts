// Rebuild shapes shared by the server and the browser. A rebuild is a job (lib/jobs) of kind
// 'rebuild', whose progress is the phase and the derivation count.
import type { JobLine, JobOutcome, JobRecord, LineLevel } from '../jobs/types';

export const rebuildModes = ['switch', 'build', 'dry-build', 'rollback'] as const;
export type RebuildMode = (typeof rebuildModes)[number];

export type RebuildPhase = 'starting' | 'evaluating' | 'building' | 'activating' | 'done';

export type RebuildOutcome = JobOutcome;

export interface RebuildProgress {
  phase: RebuildPhase;
  /** Derivations started so far ("building '/nix/store/….drv'"). */
  built: number;
  /** From "these M derivations will be built"; null until nix says. */
  total: number | null;
  failedUnits: string[];
}

export type RebuildRun = JobRecord<RebuildProgress> & { mode: RebuildMode };

export type RebuildLine = JobLine;
export type { LineLevel };

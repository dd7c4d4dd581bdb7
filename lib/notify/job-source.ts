import type { Config } from '../config';
import { listStoredJobs } from '../jobs/store';
import { isActiveOutcome } from '../jobs/types';
import { listTargets } from '../rebuild/targets';
import type { AlertEvent, JobInfo } from './events';
import { formatClock } from './zoned-time';

// The one place the alerting reads jobs: the job runner's store (lib/jobs), where every kind that
// restarts things on a machine holds that machine's lock. Rebuilds that activate a configuration
// open a maintenance window today; another kind joins by being let through `opensWindow`.

/** A finished rebuild as the runner announces it (notify({ type: 'rebuild', run })). */
export interface RebuildRunInfo {
  id: string | number;
  target: string;
  mode?: string;
  outcome: string;
  exitCode?: number | null;
  durationMs?: number | null;
  startedAt?: number;
  endedAt?: number | null;
}

/** A job as a maintenance window needs it. */
export interface JobSpan {
  job: Pick<JobInfo, 'id' | 'kind' | 'machine' | 'label'>;
  startedAt: number;
  /** null while it runs. */
  endedAt: number | null;
  outcome: string;
}

export interface JobSource {
  /** Jobs that touch a machine (so open a window), newest first, started within `sinceMs`. */
  recent(now: number): JobSpan[];
  /** The runner's announcement as an alert event. */
  fromRebuild(run: RebuildRunInfo, at: number): Extract<AlertEvent, { type: 'job' }>;
}

// Only these activate a configuration, and so restart services; build and dry-build change nothing.
const ACTIVATING = new Set(['switch', 'rollback']);
const LOOKBACK_MS = 24 * 3600_000;
const WORDS: Record<string, string> = { switch: 'rebuild', rollback: 'rollback', build: 'test build', 'dry-build': 'dry build' };

const opensWindow = (r: { kind: string; mode: string }) => r.kind === 'rebuild' && ACTIVATING.has(r.mode);

export function rebuildJobSource(config: Config, tz: string): JobSource {
  let machines: Map<string, string>;
  try {
    machines = new Map(listTargets(config).map((t) => [t.id, t.machine ?? t.id]));
  } catch {
    machines = new Map();
  }
  const machineOf = (target: string) => machines.get(target) ?? target;
  const label = (target: string, mode: string | undefined, startedAt: number | undefined) =>
    `${WORDS[mode ?? 'switch'] ?? 'rebuild'} of ${target}${startedAt ? ` at ${formatClock(startedAt, tz)}` : ''}`;
  return {
    recent(now) {
      return (listStoredJobs(20) ?? [])
        .filter((r) => opensWindow(r) && r.startedAt >= now - LOOKBACK_MS)
        .map((r) => ({
          job: { id: r.id, kind: 'rebuild' as const, machine: r.lock || machineOf(r.target), label: label(r.target, r.mode, r.startedAt) },
          startedAt: r.startedAt,
          endedAt: isActiveOutcome(r.outcome) ? null : (r.endedAt ?? r.startedAt),
          outcome: r.outcome,
        }));
    },
    fromRebuild(run, at) {
      const job: JobInfo = {
        id: run.id,
        kind: 'rebuild',
        machine: machineOf(run.target),
        outcome: run.outcome,
        label: label(run.target, run.mode, run.startedAt),
        ...(run.durationMs ? { durationMs: run.durationMs } : {}),
        ...(run.exitCode !== undefined ? { exitCode: run.exitCode } : {}),
      };
      return { type: 'job', job, at };
    },
  };
}

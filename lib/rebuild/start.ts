import type { Config } from '../config-schema';
import { childEnv, startJob, type JobSettings, type StartResult } from '../jobs';
import { rebuildJob } from './kind';
import { listTargets, type RebuildTarget } from './targets';
import type { RebuildMode } from './types';

/** What a rebuild needs from the config, resolved at the edge and handed in. */
export interface RebuildContext {
  targets: RebuildTarget[];
  settings: JobSettings;
}

export function rebuildContext(config: Config): RebuildContext {
  return {
    targets: listTargets(config),
    settings: {
      timeoutMs: config.rebuild.timeoutMs,
      logCapBytes: config.rebuild.logCapBytes,
      env: childEnv(config),
      checkTimeoutMs: config.orb.timeoutMs,
      configKey: 'rebuild',
    },
  };
}

/** Start a rebuild of a configured target (a request can only name one, never a command). */
export async function startRebuild(ctx: RebuildContext, targetId: string, mode: RebuildMode, client: string): Promise<StartResult> {
  const target = ctx.targets.find((t) => t.id === targetId);
  if (!target) return { status: 'unavailable', message: `no rebuild target "${targetId}"`, http: 400 };
  if (target.problem) return { status: 'unavailable', message: target.problem, http: 400 };
  return startJob(rebuildJob, { target, mode }, client, ctx.settings);
}

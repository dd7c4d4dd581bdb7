import type { JobKind } from '../jobs/kind';
import { pgrepPattern } from '../jobs/busy-check';
import { notify } from '../notify';
import { decideRebuild } from './outcome';
import { feedLine, initialProgress, isRebuildErrorLine } from './parse';
import { buildArgv, type RebuildTarget } from './targets';
import type { RebuildMode, RebuildProgress } from './types';

export interface RebuildParams {
  target: RebuildTarget;
  mode: RebuildMode;
}

/** What must never run twice in one machine: a rebuild, its activation, a garbage collection. */
export const exclusiveCommands = ['nixos-rebuild', 'switch-to-configuration', 'nix-collect-garbage'];

/** nixos-rebuild inside the target's machine, as a job: one per machine at a time. */
export const rebuildJob: JobKind<RebuildParams, RebuildProgress> = {
  kind: 'rebuild',
  argv: ({ target, mode }) => buildArgv(target, mode),
  subject: ({ target, mode }) => ({ target: target.id, mode, lock: target.machine ?? target.id }),
  // Killing the orb client may leave the command running in the VM, so look there too.
  busyCheck: ({ target }) =>
    target.machine && target.prefix?.[1] === '-m'
      ? { argv: [target.prefix[0], '-m', target.machine, 'pgrep', '-af', pgrepPattern(exclusiveCommands)], where: `inside ${target.machine}`, what: 'a rebuild or garbage collection' }
      : null,
  initialProgress,
  parseLine: feedLine,
  isErrorLine: isRebuildErrorLine,
  decide: decideRebuild,
  onEnd: (run) => {
    notify({ type: 'rebuild', run, at: run.endedAt ?? Date.now() });
  },
};

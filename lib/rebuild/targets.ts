import type { Config } from '../config-schema';
import { resolveOrbBin } from '../orb';
import type { RebuildMode } from './types';

export interface RebuildTarget {
  id: string;
  name: string;
  /** The orb machine, when the target runs inside one (for generations and readlink). */
  machine?: string;
  /** argv up to and including nixos-rebuild; null with a reason when it cannot run. */
  prefix: string[] | null;
  flake: string | null;
  /** Why this target cannot rebuild, in words the owner can act on. */
  problem?: string;
}

export const modeArgs: Record<RebuildMode, string[]> = {
  switch: ['switch'],
  build: ['build'],
  'dry-build': ['dry-build'],
  rollback: ['switch', '--rollback'],
};

export function listTargets(config: Config): RebuildTarget[] {
  const r = config.rebuild;
  const specs = r.targets?.length ? r.targets : [{ id: 'mini-vm', machine: 'mini-vm' } as NonNullable<typeof r.targets>[number]];
  const orb = resolveOrbBin(config.orb.bin);
  return specs.map((t) => {
    const machine = t.command ? t.machine : (t.machine ?? t.id);
    const flakeRef = t.flake ?? r.flake;
    const flake = flakeRef ? (flakeRef.includes('#') ? flakeRef : `${flakeRef}#${machine ?? t.id}`) : null;
    let prefix: string[] | null = null;
    let problem: string | undefined;
    if (t.command) prefix = [...t.command];
    else if (orb.bin) prefix = [orb.bin, '-m', machine!, '-u', 'root', 'nixos-rebuild'];
    else problem = `the orb CLI was not found (looked in ${orb.searched.join(', ')}); set orb.bin in the config`;
    if (!flake && !problem) problem = 'no flake is configured: set rebuild.flake in the config (e.g. rebuild: { flake: /Users/you/mini-vm })';
    return { id: t.id, name: t.name ?? t.id, machine, prefix, flake, problem };
  });
}

/** The full argv for a run: nothing is joined into a shell string. */
export function buildArgv(t: RebuildTarget, mode: RebuildMode): string[] {
  if (!t.prefix || !t.flake) throw new Error(t.problem ?? 'target cannot run');
  return [...t.prefix, ...modeArgs[mode], '--flake', t.flake, '-L'];
}

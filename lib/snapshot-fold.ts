import type { Snapshot, SnapshotAdditions } from './types';

/**
 * A new snapshot: the round with every folder's additions in it. The round itself is not touched,
 * and every folder saw the same round, so the result does not depend on the order they run in.
 */
export function foldAdditions(round: Snapshot, additions: readonly (SnapshotAdditions | undefined)[]): Snapshot {
  const history = Object.assign({}, ...additions.map((a) => a?.history));
  const warnings = [...(round.warnings ?? []), ...additions.flatMap((a) => a?.warnings ?? [])];
  const alerts = additions.find((a) => a?.alerts)?.alerts;
  return {
    ...round,
    ...(alerts ? { alerts } : {}),
    machines: round.machines.map((m) => ({ ...m, services: m.services.map((s) => (history[s.id] ? { ...s, history: history[s.id] } : s)) })),
    ...(warnings.length ? { warnings } : {}),
  };
}

/** Freeze an object and everything in it, so no reader can edit what others read. */
export function freezeDeep<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) freezeDeep(v);
  return Object.freeze(value);
}

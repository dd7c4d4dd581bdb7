import type { Config } from './config-schema';
import { withHeadline } from './headline';
import { SlowFacts } from './slow-facts';
import { composeSnapshot } from './status';
import type { ComposedSnapshot, Snapshot } from './types';

/** Consecutive failed rounds per service id. */
type FailureCounts = Map<string, number>;

/** What a poller carries from one round to the next. */
export interface RoundState {
  failures: FailureCounts;
  slow: SlowFacts;
}

export const newRoundState = (config: Config): RoundState => ({ failures: new Map(), slow: new SlowFacts(config.checkIntervalMs) });

/** One probe round: the composed snapshot with the failure threshold applied, and its headline. */
export async function probeRound(config: Config, state: RoundState): Promise<Snapshot> {
  return withHeadline(applyFailureThreshold(await composeSnapshot(config, state.slow), config.failuresBeforeDown, state.failures));
}

/**
 * One failed probe is not an outage: a service is "pending" until `threshold` rounds in a row
 * have failed, then "down". Either way it carries how many rounds have failed so far.
 */
function applyFailureThreshold(snapshot: ComposedSnapshot, threshold: number, failures: FailureCounts): ComposedSnapshot {
  const machines = snapshot.machines.map((m) => ({
    ...m,
    services: m.services.map((s) => {
      const n = s.state === 'down' ? (failures.get(s.id) ?? 0) + 1 : 0;
      failures.set(s.id, n);
      if (n === 0) return s;
      return { ...s, state: n < threshold ? ('pending' as const) : s.state, failures: { count: n, of: threshold } };
    }),
  }));
  return { ...snapshot, machines };
}

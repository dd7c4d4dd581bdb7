import type { ServiceState } from '../types';

/**
 * How a state counts for uptime: 1 available, 0 unavailable, null not counted. A stopped VM
 * counts as unavailable (the service could not be used); pending, starting and unknown are not
 * counted, because we do not know yet.
 */
export function availability(state: ServiceState): 0 | 1 | null {
  if (state === 'up' || state === 'degraded') return 1;
  if (state === 'down' || state === 'vm-stopped') return 0;
  return null;
}

/** States that close a service incident. */
export const recoveredStates: ReadonlySet<ServiceState> = new Set(['up', 'degraded', 'starting']);

export const bucketStart = (at: number, width: number) => Math.floor(at / width) * width;

import { answers, isAvailable, isUnavailable } from '../states';
import type { ServiceState } from '../types';

/**
 * How a state counts for uptime: 1 available, 0 unavailable, null not counted. A stopped VM
 * counts as unavailable (the service could not be used); pending, starting and unknown are not
 * counted, because we do not know yet.
 */
export function availability(state: ServiceState): 0 | 1 | null {
  if (isAvailable(state)) return 1;
  if (isUnavailable(state)) return 0;
  return null;
}

/** A service incident closes once the service answers again, even while it starts. */
export const recovered = answers;

export const bucketStart = (at: number, width: number) => Math.floor(at / width) * width;

import type { ServiceConfig } from '../config-schema';
import { kindOf } from '../kinds';
import type { ProbeResult } from './result';

export type { ProbeResult } from './result';

/** Probe one URL as the service's kind does (lib/kinds). Never throws. */
export async function probeUrl(service: ServiceConfig, url: string): Promise<ProbeResult> {
  try {
    return await kindOf(service.kind).probe(url, service);
  } catch (e) {
    // A bug in a probe must cost one card, not the page.
    console.error(`probe ${service.id} failed unexpectedly`, e);
    return { state: 'unknown', cause: 'probe-error', latencyMs: null };
  }
}

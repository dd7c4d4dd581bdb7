import type { ServiceConfig } from '../config-schema';
import { probeBridge } from './bridge';
import { probeHttp } from './generic';
import { probeJellyfin } from './jellyfin';
import type { ProbeResult } from './result';
import { probeSynapse } from './synapse';

export type { ProbeResult } from './result';

/** Probe one URL as the given kind of service. Never throws. */
export async function probeUrl(service: ServiceConfig, url: string): Promise<ProbeResult> {
  try {
    switch (service.kind) {
      case 'jellyfin':
        return await probeJellyfin(url, service.timeoutMs);
      case 'synapse':
        return await probeSynapse(url, service.timeoutMs);
      case 'mautrix-bridge':
        return await probeBridge(url, service.timeoutMs);
      case 'http':
        return await probeHttp(url, service.timeoutMs, service.expectStatus);
    }
  } catch (e) {
    // A bug in a probe must cost one card, not the page.
    console.error(`probe ${service.id} failed unexpectedly`, e);
    return { state: 'unknown', cause: 'probe-error', latencyMs: null };
  }
}

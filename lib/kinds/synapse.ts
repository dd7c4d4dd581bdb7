import { httpGet, tryJson } from '../probes/http';
import { fromNetworkError, joinUrl, snippet, unexpectedStatus, type ProbeResult } from '../probes/result';
import { defineKind } from './kind';

export const synapse = defineKind({
  id: 'synapse',
  label: 'Matrix homeserver',
  defaults: { timeoutMs: 3000, unit: 'matrix-synapse.service' },
  probe: (url, s) => probeSynapse(url, s.timeoutMs),
});

/** Synapse's /health only proves the listener is up; the version comes from two unauthenticated endpoints. */
export async function probeSynapse(url: string, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  const [health, federation] = await Promise.all([
    httpGet(joinUrl(url, '/health'), { timeoutMs }),
    httpGet(joinUrl(url, '/_matrix/federation/v1/version'), { timeoutMs }),
  ]);
  if (!health.ok) return fromNetworkError(health, '/health');
  if (health.status !== 200) return unexpectedStatus(health, '/health');
  if (health.body.trim() !== 'OK') {
    return { state: 'degraded', cause: 'body', endpoint: '/health', httpStatus: health.status, expected: '"OK"', excerpt: snippet(health.body), latencyMs: health.ms };
  }

  let version = federation.ok && federation.status === 200 ? federationVersion(federation.body) : undefined;
  if (!version) {
    // Listeners without the federation resource answer 404 there; the admin endpoint needs no auth either.
    const left = timeoutMs - (performance.now() - started);
    const admin = left > 50 ? await httpGet(joinUrl(url, '/_synapse/admin/v1/server_version'), { timeoutMs: left }) : undefined;
    if (admin?.ok && admin.status === 200) {
      const v = (tryJson(admin.body) as { server_version?: unknown } | undefined)?.server_version;
      if (typeof v === 'string') version = v;
    }
  }
  if (!version) return { state: 'up', cause: 'no-version', endpoint: '/health', latencyMs: health.ms };
  return { state: 'up', cause: 'healthy', endpoint: '/health', latencyMs: health.ms, version: version.slice(0, 40) };
}

function federationVersion(body: string): string | undefined {
  const v = (tryJson(body) as { server?: { version?: unknown } } | undefined)?.server?.version;
  return typeof v === 'string' ? v : undefined;
}

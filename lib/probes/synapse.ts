import { httpGet, tryJson } from './http';
import { endpoint, fromNetworkError, snippet, unexpectedStatus, type ProbeResult } from './result';

/** Synapse's /health only proves the listener is up; the version comes from two unauthenticated endpoints. */
export async function probeSynapse(url: string, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  const [health, federation] = await Promise.all([
    httpGet(endpoint(url, '/health'), { timeoutMs }),
    httpGet(endpoint(url, '/_matrix/federation/v1/version'), { timeoutMs }),
  ]);
  if (!health.ok) return fromNetworkError(health, 'no answer');
  if (health.status !== 200) return unexpectedStatus(health, '/health');
  if (health.body.trim() !== 'OK') {
    return { state: 'degraded', reason: `/health answered 200 but not "OK": ${snippet(health.body) || '(empty body)'}`, latencyMs: health.ms };
  }

  let version = federation.ok && federation.status === 200 ? federationVersion(federation.body) : undefined;
  if (!version) {
    // Listeners without the federation resource answer 404 there; the admin endpoint needs no auth either.
    const left = timeoutMs - (performance.now() - started);
    const admin = left > 50 ? await httpGet(endpoint(url, '/_synapse/admin/v1/server_version'), { timeoutMs: left }) : undefined;
    if (admin?.ok && admin.status === 200) {
      const v = (tryJson(admin.body) as { server_version?: unknown } | undefined)?.server_version;
      if (typeof v === 'string') version = v;
    }
  }
  const reason = version ? 'healthy' : 'healthy; version not available (federation and admin version endpoints did not answer)';
  return { state: 'up', reason, latencyMs: health.ms, version: version?.slice(0, 40), serverName: 'Synapse' };
}

function federationVersion(body: string): string | undefined {
  const v = (tryJson(body) as { server?: { version?: unknown } } | undefined)?.server?.version;
  return typeof v === 'string' ? v : undefined;
}

import { httpGet, looksLikeHtml, tryJson } from './http';
import { endpoint, fromNetworkError, snippet, unexpectedStatus, type ProbeResult } from './result';

interface PublicInfo {
  ServerName?: unknown;
  Version?: unknown;
  ProductName?: unknown;
  StartupWizardCompleted?: unknown;
}

/**
 * Jellyfin answers /System/Ping even while it starts; everything else gives 503 HTML until
 * startup completes (reference/jellyfin.md). So: ping decides reachable, the others decide healthy.
 */
export async function probeJellyfin(url: string, timeoutMs: number): Promise<ProbeResult> {
  const opts = { timeoutMs };
  const [ping, health, info] = await Promise.all([
    httpGet(endpoint(url, '/System/Ping'), opts),
    httpGet(endpoint(url, '/health'), opts),
    httpGet(endpoint(url, '/System/Info/Public'), opts),
  ]);
  if (!ping.ok) return fromNetworkError(ping, 'no answer');
  const latencyMs = ping.ms;
  if (ping.status !== 200) return unexpectedStatus(ping, '/System/Ping');

  const loading = (r: typeof info) => r.ok && r.status === 503 && looksLikeHtml(r);
  if (loading(info) || loading(health)) {
    return { state: 'starting', reason: 'Jellyfin is starting: /System/Ping answers, the rest says "server is loading" (503)', latencyMs };
  }

  if (!info.ok) return { ...fromNetworkError(info, '/System/Info/Public'), state: 'degraded', latencyMs };
  if (info.status !== 200) return { ...unexpectedStatus(info, '/System/Info/Public'), latencyMs };
  const data = tryJson(info.body) as PublicInfo | undefined;
  if (!data || typeof data !== 'object' || typeof data.Version !== 'string') {
    return { state: 'degraded', reason: `/System/Info/Public is not Jellyfin's JSON${info.body ? `: ${snippet(info.body)}` : ' (empty body)'}`, latencyMs };
  }
  const version = data.Version;
  const serverName = typeof data.ServerName === 'string' ? data.ServerName : undefined;
  const meta = { latencyMs, version, serverName };
  if (typeof data.ProductName === 'string' && !/jellyfin/i.test(data.ProductName)) {
    return { ...meta, state: 'degraded', reason: `answers as ${snippet(data.ProductName, 40)}, not Jellyfin` };
  }

  if (!health.ok) return { ...meta, state: 'degraded', reason: `/health: ${health.message}` };
  const verdict = health.body.trim();
  if (health.status === 200 && verdict === 'Healthy') {
    if (data.StartupWizardCompleted === false) return { ...meta, state: 'degraded', reason: 'the setup wizard has not been completed' };
    return { ...meta, state: 'up', reason: `healthy${serverName ? `, server "${snippet(serverName, 40)}"` : ''}` };
  }
  if (verdict === 'Degraded' || verdict === 'Unhealthy') return { ...meta, state: 'degraded', reason: `/health reports ${verdict}` };
  return { ...unexpectedStatus(health, '/health'), ...meta, state: 'degraded' };
}

import { httpGet, looksLikeHtml, tryJson } from '../probes/http';
import { fromNetworkError, joinUrl, snippet, unexpectedStatus, type Answer, type ProbeResult } from '../probes/result';
import { jellyfinActivity } from './jellyfin-activity';
import { defineKind } from './kind';

interface PublicInfo {
  ServerName?: unknown;
  Version?: unknown;
  ProductName?: unknown;
  StartupWizardCompleted?: unknown;
}

const INFO = '/System/Info/Public';

export const jellyfin = defineKind({
  id: 'jellyfin',
  label: 'Jellyfin',
  defaults: { timeoutMs: 3000, unit: 'jellyfin.service' },
  probe: (url, s) => probeJellyfin(url, s.timeoutMs),
  // With an API key: who is watching what.
  activity: (url, s) => (s.apiKey ? jellyfinActivity(url, s.apiKey, s.timeoutMs) : Promise.resolve(undefined)),
});

/**
 * Jellyfin answers /System/Ping even while it starts; everything else gives 503 HTML until
 * startup completes (reference/jellyfin.md). So: ping decides reachable, the others decide healthy.
 */
export async function probeJellyfin(url: string, timeoutMs: number): Promise<ProbeResult> {
  const opts = { timeoutMs };
  const [ping, health, info] = await Promise.all([
    httpGet(joinUrl(url, '/System/Ping'), opts),
    httpGet(joinUrl(url, '/health'), opts),
    httpGet(joinUrl(url, INFO), opts),
  ]);
  if (!ping.ok) return fromNetworkError(ping, '/System/Ping');
  const latencyMs = ping.ms;
  if (ping.status !== 200) return unexpectedStatus(ping, '/System/Ping');

  const loading = ([[info, INFO], [health, '/health']] as const).find(([r]) => r.ok && r.status === 503 && looksLikeHtml(r));
  if (loading) return { state: 'starting', cause: 'starting', endpoint: loading[1], httpStatus: 503, latencyMs };

  if (!info.ok) return { ...fromNetworkError(info, INFO), state: 'degraded', latencyMs };
  if (info.status !== 200) return { ...unexpectedStatus(info, INFO), latencyMs };
  const data = tryJson(info.body) as PublicInfo | undefined;
  if (!data || typeof data !== 'object' || typeof data.Version !== 'string') {
    return { state: 'degraded', cause: 'body', endpoint: INFO, httpStatus: info.status, expected: "Jellyfin's JSON", excerpt: snippet(info.body), latencyMs };
  }
  const meta = { latencyMs, version: data.Version.slice(0, 40), ...(typeof data.ServerName === 'string' ? { serverName: snippet(data.ServerName, 40) } : {}) };
  if (typeof data.ProductName === 'string' && !/jellyfin/i.test(data.ProductName)) {
    return { ...meta, state: 'degraded', cause: 'wrong-product', excerpt: snippet(data.ProductName, 40), expected: 'Jellyfin' };
  }
  if (!health.ok) return { ...fromNetworkError(health, '/health'), ...meta, state: 'degraded' };
  const judged = judgeHealth(health);
  // Healthy, but nobody has finished setting it up: usable by no one yet.
  if (judged.state === 'up' && data.StartupWizardCompleted === false) return { ...meta, state: 'degraded', cause: 'wizard' };
  return { ...judged, ...meta };
}

/** /health says Healthy, Degraded or Unhealthy; anything else is not Jellyfin's answer. */
function judgeHealth(health: Answer): Omit<ProbeResult, 'latencyMs'> {
  const verdict = health.body.trim();
  if (health.status === 200 && verdict === 'Healthy') return { state: 'up', cause: 'healthy' };
  if (verdict === 'Degraded' || verdict === 'Unhealthy') return { state: 'degraded', cause: 'unhealthy', endpoint: '/health', httpStatus: health.status, excerpt: verdict };
  return { ...unexpectedStatus(health, '/health'), state: 'degraded' };
}

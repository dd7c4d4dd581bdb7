import { httpGet, tryJson } from './http';
import { endpoint, fromNetworkError, snippet, unexpectedStatus, type ProbeResult } from './result';

/** mautrix bridges answer /_matrix/mau/live and /ready with 200 {} when well, 500 {} when not. */
export async function probeBridge(url: string, timeoutMs: number): Promise<ProbeResult> {
  const [live, ready] = await Promise.all([
    httpGet(endpoint(url, '/_matrix/mau/live'), { timeoutMs }),
    httpGet(endpoint(url, '/_matrix/mau/ready'), { timeoutMs }),
  ]);
  if (!live.ok) return fromNetworkError(live, 'no answer');
  const latencyMs = live.ms;
  // A bridge behind an auth layer is not "not live": say what is actually wrong.
  if (live.status === 401 || live.status === 403) return unexpectedStatus(live, '/_matrix/mau/live');
  const isObject = (b: string) => {
    const j = tryJson(b);
    return typeof j === 'object' && j !== null && !Array.isArray(j);
  };
  if (!isObject(live.body)) {
    return { state: 'degraded', reason: `/_matrix/mau/live is not a mautrix answer (HTTP ${live.status}): ${snippet(live.body) || 'empty body'}`, latencyMs };
  }
  if (live.status !== 200) return { state: 'degraded', reason: `the bridge reports it is not live (HTTP ${live.status})`, latencyMs };
  if (!ready.ok) return { state: 'degraded', reason: `live, but /_matrix/mau/ready: ${ready.message}`, latencyMs };
  if (ready.status !== 200) return { state: 'degraded', reason: `live, but not ready (HTTP ${ready.status} from /_matrix/mau/ready)`, latencyMs };
  return { state: 'up', reason: 'live and ready', latencyMs };
}

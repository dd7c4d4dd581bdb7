import { httpGet, tryJson } from '../probes/http';
import { fromNetworkError, joinUrl, snippet, unexpectedStatus, type ProbeResult } from '../probes/result';
import { defineKind } from './kind';

const LIVE = '/_matrix/mau/live';
const READY = '/_matrix/mau/ready';

// Each bridge runs as a unit of its own name (mautrix-telegram, ...): there is no one usual unit.
export const mautrixBridge = defineKind({
  id: 'mautrix-bridge',
  label: 'mautrix bridge',
  defaults: { timeoutMs: 3000 },
  probe: (url, s) => probeBridge(url, s.timeoutMs),
});

/** mautrix bridges answer /_matrix/mau/live and /ready with 200 {} when well, 500 {} when not. */
export async function probeBridge(url: string, timeoutMs: number): Promise<ProbeResult> {
  const [live, ready] = await Promise.all([httpGet(joinUrl(url, LIVE), { timeoutMs }), httpGet(joinUrl(url, READY), { timeoutMs })]);
  if (!live.ok) return fromNetworkError(live, LIVE);
  const latencyMs = live.ms;
  // A bridge behind an auth layer is not "not live": say what is actually wrong.
  if (live.status === 401 || live.status === 403) return unexpectedStatus(live, LIVE);
  const j = tryJson(live.body);
  if (typeof j !== 'object' || j === null || Array.isArray(j)) {
    return { state: 'degraded', cause: 'body', endpoint: LIVE, httpStatus: live.status, expected: 'a mautrix answer', excerpt: snippet(live.body), latencyMs };
  }
  if (live.status !== 200) return { state: 'degraded', cause: 'not-live', endpoint: LIVE, httpStatus: live.status, latencyMs };
  if (!ready.ok) return { ...fromNetworkError(ready, READY), state: 'degraded', latencyMs };
  if (ready.status !== 200) return { state: 'degraded', cause: 'not-ready', endpoint: READY, httpStatus: ready.status, latencyMs };
  return { state: 'up', cause: 'ready', endpoint: READY, latencyMs };
}

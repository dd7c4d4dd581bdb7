import { httpGet } from './http';
import { fromNetworkError, unexpectedStatus, type ProbeResult } from './result';

/** Any HTTP service: up when it answers the expected status (or any 2xx/3xx when none is set). */
export async function probeHttp(url: string, timeoutMs: number, expectStatus?: number): Promise<ProbeResult> {
  const r = await httpGet(url, { timeoutMs, maxBytes: 4096 });
  if (!r.ok) return fromNetworkError(r, 'no answer');
  const good = expectStatus !== undefined ? r.status === expectStatus : r.status >= 200 && r.status < 400;
  if (!good) return unexpectedStatus(r, new URL(r.url).pathname);
  return { state: 'up', reason: `HTTP ${r.status}`, latencyMs: r.ms };
}

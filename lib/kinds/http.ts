import { httpGet } from '../probes/http';
import { fromNetworkError, unexpectedStatus, type ProbeResult } from '../probes/result';
import { defineKind } from './kind';

export const http = defineKind({
  id: 'http',
  label: 'HTTP',
  defaults: { timeoutMs: 3000 },
  probe: (url, s) => probeHttp(url, s.timeoutMs, s.expectStatus),
});

/** Any HTTP service: up when it answers the expected status (or any 2xx/3xx when none is set). */
export async function probeHttp(url: string, timeoutMs: number, expectStatus?: number): Promise<ProbeResult> {
  const r = await httpGet(url, { timeoutMs, maxBytes: 4096 });
  const path = pathOf(r.url);
  if (!r.ok) return fromNetworkError(r, path);
  const good = expectStatus !== undefined ? r.status === expectStatus : r.status >= 200 && r.status < 400;
  if (!good) return unexpectedStatus(r, path);
  return { state: 'up', cause: 'expected-status', endpoint: path, httpStatus: r.status, latencyMs: r.ms };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '/';
  }
}

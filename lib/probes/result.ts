import type { ProbeResult } from '../types';
import type { HttpResult } from './http';

export type { ProbeResult } from '../types';

export type Answer = Extract<HttpResult, { ok: true }>;
type Failed = Extract<HttpResult, { ok: false }>;

/**
 * A request that got no HTTP answer at all: the service is down, or the path to it is. A redirect
 * the probe will not follow and a TLS failure do come from something that listens: degraded.
 */
export function fromNetworkError(r: Failed, endpoint: string): ProbeResult {
  const c = r.failure.cause;
  const down = c !== 'tls' && c !== 'redirect-elsewhere' && c !== 'too-many-redirects' && c !== 'bad-redirect';
  return { ...r.failure, state: down ? 'down' : 'degraded', endpoint, latencyMs: down ? null : r.ms };
}

/** An HTTP answer that is not the one a healthy service gives. */
export function unexpectedStatus(r: Answer, endpoint: string): ProbeResult {
  const auth = r.status === 401 || r.status === 403;
  const excerpt = auth ? '' : snippet(r.body);
  return { state: 'degraded', cause: auth ? 'auth' : 'status', endpoint, httpStatus: r.status, ...(excerpt ? { excerpt } : {}), latencyMs: r.ms };
}

/** A short, single-line, printable excerpt of a body for a reason string. */
export function snippet(body: string, max = 60): string {
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/[^\x20-\x7e\u00a0-\uffff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Join a service's base URL (which may carry a base path) and an endpoint path. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

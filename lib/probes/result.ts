import type { ServiceState } from '../types';
import type { HttpResult } from './http';

/** What a probe says about a service. Probes return this; they never throw. */
export interface ProbeResult {
  state: ServiceState;
  reason: string;
  latencyMs: number | null;
  version?: string;
  serverName?: string;
  /** What the service is doing, when it can tell (e.g. Jellyfin's streams, with an API key). */
  detail?: string;
}

export type Answer = Extract<HttpResult, { ok: true }>;

/** A request that got no HTTP answer at all: the service is down, or the path to it is. */
export function fromNetworkError(r: Extract<HttpResult, { ok: false }>, what: string): ProbeResult {
  const down = r.error !== 'redirect' && r.error !== 'tls';
  return { state: down ? 'down' : 'degraded', reason: `${what}: ${r.message}`, latencyMs: down ? null : r.ms };
}

/** An HTTP answer that is not the one a healthy service gives. */
export function unexpectedStatus(r: Answer, path: string): ProbeResult {
  const reason =
    r.status === 401 || r.status === 403
      ? `${path} needs authentication (HTTP ${r.status})`
      : `${path} answered HTTP ${r.status}${r.body ? `: ${snippet(r.body)}` : ''}`;
  return { state: 'degraded', reason, latencyMs: r.ms };
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
export function endpoint(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

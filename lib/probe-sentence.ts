import { isNetworkCause, probeFailed } from './states';
import type { NetworkFailure, ProbeVerdict, WaitedFor } from './types';

// The one place a probe's verdict becomes words: the cards, the access chain, incidents (and the
// notifications made from them) and the docs all show this sentence. Pure, for the browser too.

const waited: Record<WaitedFor, string> = { connection: 'connection', headers: 'response headers', body: 'complete body', answer: 'answer' };
const code = (c?: string) => (c ? ` (${c})` : '');

/** "connection refused", "no response headers within 3000 ms", ... */
export function networkMessage(f: NetworkFailure): string {
  switch (f.cause) {
    case 'timeout':
      return `no ${waited[f.waitedFor ?? 'answer']} within ${f.timeoutMs} ms`;
    case 'refused':
      return 'connection refused';
    case 'dns':
      return `host name does not resolve${code(f.code)}`;
    case 'reset':
      return 'connection reset by the server';
    case 'unreachable':
      return 'host unreachable';
    case 'tls':
      return `TLS error${code(f.code)}`;
    case 'not-http':
      return 'the server did not speak HTTP';
    case 'network':
      return `network error${code(f.code)}`;
    case 'blocked':
      return `not probed: ${f.target} is not a loopback address (DASHBOARD_LOOPBACK_ONLY=1)`;
    case 'bad-url':
      return 'not an http(s) URL';
    case 'redirect-elsewhere':
      return `HTTP ${f.httpStatus} redirect to another origin (${f.target ?? 'unknown'}); not followed`;
    case 'too-many-redirects':
      return `more than ${f.redirects} redirects`;
    case 'bad-redirect':
      return `HTTP ${f.httpStatus} with an unreadable Location`;
  }
}

/** Why a service or path is in its state, in one short line. */
export function probeSentence(r: ProbeVerdict): string {
  const text = verdictSentence(r);
  const f = r.failures;
  return r.state === 'pending' && f ? `${text} (failure ${f.count} of ${f.of} before it counts as down)` : text;
}

function verdictSentence(r: ProbeVerdict): string {
  const at = r.endpoint ?? 'the service';
  const cause = r.cause;
  if (isNetworkCause(cause)) {
    const message = networkMessage({ ...r, cause });
    // Nothing answered at all; or the service did, and this request did not.
    return probeFailed(r.state) || !r.endpoint ? `no answer: ${message}` : `${r.endpoint}: ${message}`;
  }
  switch (cause) {
    case 'status':
      return `${at} answered HTTP ${r.httpStatus}${r.excerpt ? `: ${r.excerpt}` : ''}`;
    case 'auth':
      return `${at} needs authentication (HTTP ${r.httpStatus})`;
    case 'body':
      return `${at} answered HTTP ${r.httpStatus}, but not ${r.expected}: ${r.excerpt || 'an empty body'}`;
    case 'unhealthy':
      return `${at} reports ${r.excerpt}`;
    case 'wizard':
      return 'the setup wizard has not been completed';
    case 'wrong-product':
      return `answers as ${r.excerpt}, not ${r.expected}`;
    case 'starting':
      return `starting: it answers, but ${at} says the server is loading (HTTP ${r.httpStatus})`;
    case 'not-live':
      return `reports it is not live (HTTP ${r.httpStatus} from ${at})`;
    case 'not-ready':
      return `live, but not ready (HTTP ${r.httpStatus} from ${at})`;
    case 'healthy':
      return `healthy${r.serverName ? `, server "${r.serverName}"` : ''}`;
    case 'no-version':
      return 'healthy; version not available (its version endpoints did not answer)';
    case 'ready':
      return 'live and ready';
    case 'expected-status':
      return `HTTP ${r.httpStatus}`;
    case 'probe-error':
      return 'the probe itself failed; see the dashboard log';
    case 'orb-stopped':
      return 'not probed: OrbStack is stopped';
    case 'machine-not-running':
      return `not probed: ${r.machine} is ${r.machineState}`;
  }
}

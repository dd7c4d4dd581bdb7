import http from 'node:http';
import https from 'node:https';
import { netLookup, refuseHost } from '../loopback-only';

// One JSON request to a notifier's server. Same rules as the probes (lib/probes/http.ts): one
// deadline per attempt covering connect, headers and body, a capped body, loopback only under
// DASHBOARD_LOOPBACK_ONLY; and no redirect is followed at all, since a PUT must not wander.

export type TransportError = 'timeout' | 'refused' | 'reset' | 'dns' | 'blocked' | 'tls' | 'network';

export type JsonResponse =
  | { ok: true; status: number; body: string; retryAfter?: string; location?: string; ms: number }
  | { ok: false; error: TransportError; message: string; ms: number };

export interface JsonRequest {
  method: 'GET' | 'PUT' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  /** A body sent as it is (ntfy's plain text), instead of `body` as JSON; set its content-type in headers. */
  rawBody?: string;
  timeoutMs: number;
  maxBytes?: number;
}

const agents = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

const NODE_ERRORS: Record<string, [TransportError, string]> = {
  ECONNREFUSED: ['refused', 'connection refused'],
  ECONNRESET: ['reset', 'the connection was reset before an answer came'],
  EPIPE: ['reset', 'the connection was reset before an answer came'],
  ENOTFOUND: ['dns', 'the host name does not resolve'],
  EAI_AGAIN: ['dns', 'the host name does not resolve (DNS not answering)'],
  EHOSTUNREACH: ['network', 'the host is unreachable'],
  ENETUNREACH: ['network', 'the network is unreachable'],
};

function describeError(e: NodeJS.ErrnoException): { error: TransportError; message: string } {
  const known = e.code ? NODE_ERRORS[e.code] : undefined;
  if (known) return { error: known[0], message: known[1] };
  if (e.code === 'ENOTLOOPBACK') return { error: 'blocked', message: `not contacted: ${e.message}` };
  if (e.code && (e.code.startsWith('ERR_TLS') || e.code.includes('CERT'))) return { error: 'tls', message: `TLS error (${e.code})` };
  if (e.code?.startsWith('HPE_')) return { error: 'network', message: 'the server did not speak HTTP' };
  return { error: 'network', message: e.code ? `network error (${e.code})` : 'network error' };
}

/** Never rejects: every failure is a value. Messages name no header and no body sent. */
export function requestJson(url: string, req: JsonRequest): Promise<JsonResponse> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let target: URL;
  try {
    target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('scheme');
  } catch {
    return Promise.resolve({ ok: false, error: 'blocked', message: 'not an http(s) URL', ms: 0 });
  }
  const refused = refuseHost(target.hostname);
  if (refused) return Promise.resolve({ ok: false, error: 'blocked', message: `not contacted: ${refused}`, ms: 0 });
  const payload = req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
  const tls = target.protocol === 'https:';
  return new Promise((resolve) => {
    // The first call wins: a promise resolves once, and later errors from destroy() are ignored.
    const finish = (r: JsonResponse) => (resolve(r), clearTimeout(timer), request.destroy());
    const request = (tls ? https : http).request(target, {
      method: req.method,
      agent: tls ? agents.https : agents.http,
      lookup: netLookup(),
      headers: {
        'user-agent': 'mini-vm-dashboard',
        accept: 'application/json',
        ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
        ...req.headers,
      },
    });
    let stage = 'a connection';
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout', message: `no answer within ${req.timeoutMs} ms (waiting for ${stage})`, ms: ms() }), req.timeoutMs);
    request.on('socket', (s) => s.once('connect', () => (stage = 'the response')));
    request.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, ...describeError(e), ms: ms() }));
    request.on('response', (res) => {
      stage = 'the whole body';
      readCapped(res, req.maxBytes ?? 64 * 1024, (body) =>
        finish({ ok: true, status: res.statusCode ?? 0, body, retryAfter: header(res, 'retry-after'), location: header(res, 'location'), ms: ms() }),
      );
      res.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, ...describeError(e), ms: ms() }));
    });
    request.end(payload);
  });
}

function header(res: http.IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readCapped(res: http.IncomingMessage, max: number, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let len = 0;
  res.on('data', (b: Buffer) => {
    if (len >= max) return;
    chunks.push(b.subarray(0, max - len));
    len += Math.min(b.length, max - len);
    if (len >= max) done(Buffer.concat(chunks).toString('utf8'));
  });
  res.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
}

import http from 'node:http';
import https from 'node:https';
import { netLookup, refuseHost } from '../net-guard';

export interface HttpOptions {
  timeoutMs: number;
  maxBytes?: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'HEAD';
}

export type HttpError = 'timeout' | 'refused' | 'dns' | 'reset' | 'redirect' | 'tls' | 'other';

export type HttpResult =
  | { ok: true; status: number; contentType: string; body: string; truncated: boolean; ms: number; url: string }
  | { ok: false; error: HttpError; message: string; ms: number; url: string };

const DEFAULT_MAX = 64 * 1024;
// Never reused between probes: each one must prove a fresh connection works.
const agents = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

/**
 * One GET with a hard deadline covering connect, headers and body; the body is capped and
 * redirects are followed only within the same origin, so a service cannot send the probe
 * elsewhere. Never rejects.
 */
export function httpGet(url: string, opts: HttpOptions): Promise<HttpResult> {
  const started = performance.now();
  const deadline = started + opts.timeoutMs;
  const ms = () => Math.round(performance.now() - started);
  const origin = safeOrigin(url);
  const maxRedirects = opts.maxRedirects ?? 3;

  const attempt = (target: string, hops: number): Promise<HttpResult> =>
    once(target, opts, deadline - performance.now()).then((r) => {
      if (r.kind === 'error') return { ok: false, error: r.error, message: r.message, ms: ms(), url: target };
      if (r.status >= 300 && r.status < 400 && r.location !== undefined) {
        let next: string;
        try {
          next = new URL(r.location, target).toString();
        } catch {
          return { ok: false, error: 'redirect', message: `HTTP ${r.status} with an unreadable Location`, ms: ms(), url: target };
        }
        if (safeOrigin(next) !== origin) {
          return { ok: false, error: 'redirect', message: `HTTP ${r.status} redirect to another origin (${safeOrigin(next) ?? 'unknown'}); not followed`, ms: ms(), url: target };
        }
        if (hops >= maxRedirects) {
          return { ok: false, error: 'redirect', message: `more than ${maxRedirects} redirects`, ms: ms(), url: target };
        }
        return attempt(next, hops + 1);
      }
      return { ok: true, status: r.status, contentType: r.contentType, body: r.body, truncated: r.truncated, ms: ms(), url: target };
    });

  if (!origin) return Promise.resolve({ ok: false, error: 'other', message: 'not an http(s) URL', ms: 0, url });
  return attempt(url, 0);
}

function safeOrigin(u: string): string | null {
  try {
    const p = new URL(u);
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.origin : null;
  } catch {
    return null;
  }
}

type Once =
  | { kind: 'response'; status: number; contentType: string; body: string; truncated: boolean; location?: string }
  | { kind: 'error'; error: HttpError; message: string };

function once(url: string, opts: HttpOptions, budgetMs: number): Promise<Once> {
  return new Promise((resolve) => {
    if (budgetMs <= 0) {
      resolve({ kind: 'error', error: 'timeout', message: `no answer within ${opts.timeoutMs} ms` });
      return;
    }
    const refused = refuseHost(new URL(url).hostname);
    if (refused) return resolve({ kind: 'error', error: 'other', message: `not probed: ${refused}` });
    const max = opts.maxBytes ?? DEFAULT_MAX;
    const tls = url.startsWith('https:');
    const lib = tls ? https : http;
    let done = false;
    const finish = (v: Once) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(v);
    };
    const req = lib.request(url, {
      method: opts.method ?? 'GET',
      headers: { 'user-agent': 'mini-vm-dashboard', accept: '*/*', ...opts.headers },
      agent: tls ? agents.https : agents.http,
      lookup: netLookup(),
    });
    let phase = 'connect';
    const timer = setTimeout(
      () => finish({ kind: 'error', error: 'timeout', message: `no ${phase === 'body' ? 'complete body' : phase === 'headers' ? 'response headers' : 'connection'} within ${opts.timeoutMs} ms` }),
      budgetMs,
    );
    req.on('socket', (s) => s.once('connect', () => (phase = 'headers')));
    req.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'error', ...classify(e) }));
    req.on('response', (res) => {
      phase = 'body';
      const chunks: Buffer[] = [];
      let len = 0;
      const contentType = String(res.headers['content-type'] ?? '');
      const location = res.headers.location;
      const respond = (truncated: boolean) =>
        finish({ kind: 'response', status: res.statusCode ?? 0, contentType, body: Buffer.concat(chunks).toString('utf8'), truncated, location });
      res.on('data', (b: Buffer) => {
        const room = max - len;
        if (b.length >= room) {
          chunks.push(b.subarray(0, room));
          len = max;
          respond(true); // enough to judge; the rest is not read
          return;
        }
        chunks.push(b);
        len += b.length;
      });
      res.on('end', () => respond(false));
      res.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'error', ...classify(e) }));
    });
    req.end();
  });
}

function classify(e: NodeJS.ErrnoException): { error: HttpError; message: string } {
  switch (e.code) {
    case 'ECONNREFUSED':
      return { error: 'refused', message: 'connection refused' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return { error: 'dns', message: `host name does not resolve (${e.code})` };
    case 'ECONNRESET':
    case 'EPIPE':
      return { error: 'reset', message: 'connection reset by the server' };
    case 'ENOTLOOPBACK':
      return { error: 'other', message: `not probed: ${e.message}` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { error: 'other', message: 'host unreachable' };
    default:
      if (e.code?.startsWith('ERR_TLS') || e.code?.includes('CERT')) return { error: 'tls', message: `TLS error (${e.code})` };
      if (e.code === 'HPE_INVALID_CONSTANT' || e.code?.startsWith('HPE_')) return { error: 'other', message: 'the server did not speak HTTP' };
      return { error: 'other', message: e.code ? `network error (${e.code})` : 'network error' };
  }
}

/** Parse JSON without throwing. */
export function tryJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export const looksLikeHtml = (r: { contentType: string; body: string }) =>
  r.contentType.includes('text/html') || /^\s*<(!doctype|html)/i.test(r.body);

import http from 'node:http';
import https from 'node:https';
import { netLookup, refuseHost } from '../loopback-only';
import type { NetworkFailure, WaitedFor } from '../types';

export interface HttpOptions {
  timeoutMs: number;
  maxBytes?: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'HEAD';
}

export type HttpResult =
  | { ok: true; status: number; contentType: string; body: string; truncated: boolean; ms: number; url: string }
  | { ok: false; failure: NetworkFailure; ms: number; url: string };

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
      const failed = (failure: NetworkFailure): HttpResult => ({ ok: false, failure, ms: ms(), url: target });
      if (r.kind === 'error') return failed(r.failure);
      if (r.status >= 300 && r.status < 400 && r.location !== undefined) {
        let next: string;
        try {
          next = new URL(r.location, target).toString();
        } catch {
          return failed({ cause: 'bad-redirect', httpStatus: r.status });
        }
        const to = safeOrigin(next);
        if (to !== origin) return failed({ cause: 'redirect-elsewhere', httpStatus: r.status, ...(to ? { target: to } : {}) });
        if (hops >= maxRedirects) return failed({ cause: 'too-many-redirects', redirects: maxRedirects });
        return attempt(next, hops + 1);
      }
      return { ok: true, status: r.status, contentType: r.contentType, body: r.body, truncated: r.truncated, ms: ms(), url: target };
    });

  if (!origin) return Promise.resolve({ ok: false, failure: { cause: 'bad-url' }, ms: 0, url });
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
  | { kind: 'error'; failure: NetworkFailure };

function once(url: string, opts: HttpOptions, budgetMs: number): Promise<Once> {
  return new Promise((resolve) => {
    const timeout = (waitedFor: WaitedFor): Once => ({ kind: 'error', failure: { cause: 'timeout', timeoutMs: opts.timeoutMs, waitedFor } });
    if (budgetMs <= 0) return resolve(timeout('answer'));
    const host = new URL(url).hostname;
    if (refuseHost(host)) return resolve({ kind: 'error', failure: { cause: 'blocked', target: host.replace(/^\[|\]$/g, '') } });
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
    let phase: WaitedFor = 'connection';
    const timer = setTimeout(() => finish(timeout(phase)), budgetMs);
    req.on('socket', (s) => s.once('connect', () => (phase = 'headers')));
    req.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'error', failure: classify(e) }));
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
      res.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'error', failure: classify(e) }));
    });
    req.end();
  });
}

function classify(e: NodeJS.ErrnoException & { address?: string }): NetworkFailure {
  switch (e.code) {
    case 'ECONNREFUSED':
      return { cause: 'refused' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return { cause: 'dns', code: e.code };
    case 'ECONNRESET':
    case 'EPIPE':
      return { cause: 'reset' };
    case 'ENOTLOOPBACK':
      return { cause: 'blocked', target: e.address ?? 'an address' };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { cause: 'unreachable' };
    default:
      if (e.code?.startsWith('ERR_TLS') || e.code?.includes('CERT')) return { cause: 'tls', code: e.code };
      if (e.code?.startsWith('HPE_')) return { cause: 'not-http' };
      return e.code ? { cause: 'network', code: e.code } : { cause: 'network' };
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

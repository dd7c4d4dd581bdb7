import { randomBytes } from 'node:crypto';
import dc from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { lineRefusal, readRequestLine, type LineProblem, type LineRefusal } from './request-line';
import { processState } from '../process-state';

/**
 * The proxy cannot see the TCP peer, and X-Forwarded-For is whatever the client sent (Next only
 * fills it in when it is missing). So the HTTP server's own request channel stamps each request
 * with the socket's address and a per-process token a client cannot know; any copy of the header
 * that came from outside is overwritten first. The same hook checks the request line
 * (lib/lan/request-line.ts) and marks a request the proxy must refuse.
 */
export const PEER_HEADER = 'x-dashboard-peer';
/** "problem method", set only by the stamp; trusted only on a request whose peer stamp is genuine. */
const REFUSAL_HEADER = 'x-dashboard-refusal';

interface PeerState {
  token: string;
  /** null until installed; then whether lib/lan/preload.mjs had kept the requests that came first. */
  preloaded: boolean | null;
}
const EARLY = Symbol.for('mini-vm-dashboard.early-requests');
type RequestStart = { request: IncomingMessage; socket: Socket };
/** What lib/lan/preload.mjs leaves on globalThis. */
type EarlyRequests = { take(): RequestStart[] };
const g = globalThis as unknown as Record<symbol, unknown>;
const state = processState<PeerState>('peer', () => ({ token: randomBytes(18).toString('base64url'), preloaded: null }));

function stampRequest({ request, socket }: RequestStart): void {
  const h = request.headers;
  h[PEER_HEADER] = `${state.token} ${socket.remoteAddress ?? ''}`;
  delete h[REFUSAL_HEADER];
  const method = request.method ?? '';
  const line = readRequestLine(method, request.url);
  request.url = line.url;
  if (line.host !== undefined) h.host = line.host;
  if (line.problem) {
    h[REFUSAL_HEADER] = `${line.problem} ${method}`;
    // Next.js cannot even build a request for TRACE; the proxy answers before any route runs.
    request.method = 'GET';
  }
}

function stamp(msg: RequestStart): void {
  try {
    stampRequest(msg);
  } catch (e) {
    // A throw here would surface as an uncaught exception; the request stays unstamped and is refused.
    console.error('mini-vm dashboard: could not stamp a request', e);
  }
}

/**
 * Stamp every request from now on, and those that arrived before (kept by lib/lan/preload.mjs, in
 * order): Next.js accepts requests before it loads this code. Idempotent. Returns whether the
 * first requests were covered; without the preload they are refused (403 peer_unknown).
 */
export function installPeerStamp(): boolean {
  if (state.preloaded !== null) return state.preloaded;
  dc.subscribe('http.server.request.start', (msg) => stamp(msg as RequestStart));
  const early = g[EARLY] as EarlyRequests | undefined;
  state.preloaded = early !== undefined;
  for (const msg of early?.take() ?? []) stamp(msg);
  return state.preloaded;
}

/** The client's address as the socket saw it, or null when the stamp is missing or forged. */
export function readPeer(headers: Headers): string | null {
  const v = headers.get(PEER_HEADER);
  if (!v) return null;
  const space = v.indexOf(' ');
  if (space < 0 || v.slice(0, space) !== state.token) return null;
  return v.slice(space + 1) || null;
}

const problems = new Set<string>(['method', 'target', 'encoding'] satisfies LineProblem[]);

/** Why the request line was refused, for a request whose peer stamp is genuine; null when it was not. */
export function readLineRefusal(headers: Headers): LineRefusal | null {
  if (readPeer(headers) === null) return null;
  const [problem, method = ''] = (headers.get(REFUSAL_HEADER) ?? '').split(' ');
  return problems.has(problem) ? lineRefusal(problem as LineProblem, method) : null;
}

import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { jsonError, type ErrorCode } from '@/lib/http-errors';
import { contentSecurityPolicy, newNonce, nonDocumentPolicy, staticSecurityHeaders } from '@/lib/lan/csp';
import { PEER_HEADER, installPeerStamp, readLineRefusal, readPeer } from '@/lib/lan/peer';
import { checkAccess, lanPolicy, type LanPolicy } from '@/lib/lan/policy';
import { checkMutation } from '@/lib/lan/mutation-check';
import { noStore } from '@/lib/no-store';

// Proxy runs in the Node.js runtime in Next 16, in the server's own process: it reads the same
// config file and shares the peer stamp that lib/server-start.ts installs (already, by now; this
// call only makes sure).
installPeerStamp();

let policy: LanPolicy | undefined;
const dev = process.env.NODE_ENV === 'development';

function withHeaders<T extends Response>(res: T, csp: string): T {
  res.headers.set('content-security-policy', csp);
  for (const [k, v] of Object.entries(staticSecurityHeaders)) res.headers.set(k, v);
  return res;
}

function refuse(req: NextRequest, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): Response {
  // An API client gets the same JSON error as from a route; a person in a browser gets the message.
  const res = req.nextUrl.pathname.startsWith('/api/')
    ? jsonError(status, code, message, { headers })
    : new Response(`${message}\n`, { status, headers: noStore({ ...headers, 'content-type': 'text/plain; charset=utf-8' }) });
  return withHeaders(res, nonDocumentPolicy);
}

export function proxy(req: NextRequest) {
  try {
    policy ??= lanPolicy(getConfig());
  } catch {
    return refuse(req, 503, 'config_invalid', 'The dashboard configuration could not be read; see the dashboard log.');
  }
  const verdict = checkAccess(policy, req.headers.get('host'), readPeer(req.headers));
  if (!verdict.ok) return refuse(req, verdict.status, verdict.code, verdict.message);
  // A request line the server would not serve (lib/lan/request-line.ts), marked as it arrived.
  const line = readLineRefusal(req.headers);
  if (line) return refuse(req, line.status, line.code, line.message, line.headers);
  const refusal = checkMutation(req.method, req.headers);
  if (refusal) return refuse(req, refusal.status, refusal.code, refusal.message);

  const path = req.nextUrl.pathname;
  // Only rendered pages need a nonce, and the policy on the request (Next reads the nonce from it).
  if (path.startsWith('/_next/static/') || path.startsWith('/api/')) return withHeaders(NextResponse.next(), nonDocumentPolicy);
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, dev);
  const headers = new Headers(req.headers);
  headers.delete(PEER_HEADER);
  headers.set('content-security-policy', csp);
  headers.set('x-nonce', nonce);
  return withHeaders(NextResponse.next({ request: { headers } }), csp);
}

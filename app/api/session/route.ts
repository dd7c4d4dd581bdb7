import { z } from 'zod';
import { adminPassword, clearedSessionCookie, clientAddress, createSessionValue, hasSession, passwordMatches, readCookie, requireSameOrigin, revokeSessionValue, SESSION_COOKIE, sessionCookie, sessionStoreUnavailable } from '@/lib/auth';
import { jsonError } from '@/lib/http-errors';
import { loginRetryAfter, noteLoginFailure, noteLoginSuccess } from '@/lib/login-limit';
import { readJsonBody } from '@/lib/request-body';
import { sessionStoreProblem } from '@/lib/sessions';
import { noStore } from '@/lib/no-store';

const bodySchema = z.object({ password: z.string().min(1).max(1024) }).strict();

export async function GET(req: Request) {
  const admin = adminPassword();
  return Response.json(
    { signedIn: hasSession(req), enabled: admin.password !== null, ...(admin.password === null ? { reason: admin.reason } : {}) },
    { headers: noStore() },
  );
}

export async function POST(req: Request) {
  const denied = requireSameOrigin(req);
  if (denied) return denied;
  const admin = adminPassword();
  if (admin.password === null) return jsonError(503, 'sign_in_disabled', admin.reason);
  // Before any password is checked: a sign-in that cannot be kept must not cost a try.
  const problem = sessionStoreProblem();
  if (problem) return sessionStoreUnavailable(problem);
  const client = clientAddress(req);
  const wait = loginRetryAfter(client);
  if (wait > 0) {
    const s = Math.ceil(wait / 1000);
    return jsonError(429, 'rate_limited', `too many failed sign-ins; try again in ${s} s`, { headers: { 'retry-after': String(s) } });
  }
  const body = await readJsonBody(req, bodySchema);
  if ('error' in body) return body.error;
  if (!passwordMatches(body.data.password)) {
    noteLoginFailure(client);
    return jsonError(401, 'wrong_password', 'that is not the admin password');
  }
  noteLoginSuccess(client);
  const value = createSessionValue();
  if (value === null) return sessionStoreUnavailable(sessionStoreProblem() ?? 'the session could not be recorded');
  return Response.json({ signedIn: true }, { headers: noStore({ 'set-cookie': sessionCookie(req, value) }) });
}

export async function DELETE(req: Request) {
  const denied = requireSameOrigin(req);
  if (denied) return denied;
  const cleared = { 'set-cookie': clearedSessionCookie(req) };
  // The cookie goes either way; the session itself ends on the server, or the client is told it did not.
  if (!revokeSessionValue(readCookie(req, SESSION_COOKIE))) {
    return jsonError(503, 'session_store_unavailable', 'Signed out in this browser, but the server could not record it, so the session may still work elsewhere until it expires.', { headers: cleared });
  }
  return Response.json({ signedIn: false }, { headers: noStore(cleared) });
}

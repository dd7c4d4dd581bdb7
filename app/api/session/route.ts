import { z } from 'zod';
import { adminPassword, clearedSessionCookie, clientAddress, createSessionValue, hasSession, passwordMatches, requireSameOrigin, sessionCookie } from '@/lib/auth';
import { jsonError } from '@/lib/http-errors';
import { loginRetryAfter, noteLoginFailure, noteLoginSuccess } from '@/lib/login-limit';
import { readJsonBody } from '@/lib/request-body';
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
  return Response.json({ signedIn: true }, { headers: noStore({ 'set-cookie': sessionCookie(req, createSessionValue()) }) });
}

export async function DELETE(req: Request) {
  const denied = requireSameOrigin(req);
  if (denied) return denied;
  return Response.json({ signedIn: false }, { headers: noStore({ 'set-cookie': clearedSessionCookie(req) }) });
}

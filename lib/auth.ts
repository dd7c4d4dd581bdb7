import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { getConfig, readSecretFile } from './config';
import { jsonError } from './http-errors';
import { readPeer } from './lan/peer';
import { sameOrigin } from './lan/mutation-check';
import { sessionKey } from './session-key';
import { closeSession, isSessionOpen, openSession, sessionStoreProblem } from './sessions';

export const SESSION_COOKIE = 'mvd_session';
export const SESSION_TTL_MS = 12 * 3600_000;

export type AdminPassword = { password: string; source: 'env' | 'file' } | { password: null; reason: string };

/** The admin password, from DASHBOARD_PASSWORD or rebuild.passwordFile; never sent to the browser. */
export function adminPassword(): AdminPassword {
  const env = process.env.DASHBOARD_PASSWORD;
  if (env) return { password: env, source: 'env' };
  const file = getConfig().rebuild.passwordFile;
  if (!file) return { password: null, reason: 'Rebuilding is disabled: set DASHBOARD_PASSWORD in the environment, or rebuild.passwordFile in the config, then restart the dashboard.' };
  try {
    const p = readSecretFile(file);
    return p ? { password: p, source: 'file' } : { password: null, reason: `Rebuilding is disabled: ${file} is empty.` };
  } catch (e) {
    return { password: null, reason: `Rebuilding is disabled: ${(e as Error).message}.` };
  }
}

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time: both sides are hashed to the same length before the compare. */
export function passwordMatches(given: string): boolean {
  const admin = adminPassword();
  if (admin.password === null) return false;
  return timingSafeEqual(sha(given), sha(admin.password));
}

// The password takes part in the signature, so changing it ends every session.
function sign(payload: string): string {
  const admin = adminPassword();
  const key = createHmac('sha256', sessionKey()).update(admin.password ?? '').digest();
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/**
 * A cookie value is "expiry.id.signature". The signature proves the server made it; the id must
 * also still be in the session store (lib/sessions.ts), so signing out ends it for good.
 */
function readSessionValue(value: string | undefined, now: number): { id: string; expiresAt: number } | null {
  if (!value || value.length > 200 || adminPassword().password === null) return null;
  const parts = value.split('.');
  if (parts.length !== 3) return null;
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiresAt = Number(parts[0]);
  return Number.isFinite(expiresAt) && expiresAt > now ? { id: parts[1], expiresAt } : null;
}

/** A new session, recorded on the server; null when the session store cannot be written. */
export function createSessionValue(now = Date.now()): string | null {
  const expiresAt = now + SESSION_TTL_MS;
  const id = openSession(expiresAt, now);
  if (id === null) return null;
  const payload = `${expiresAt}.${id}`;
  return `${payload}.${sign(payload)}`;
}

/** Signed by this server, not expired, and not ended: signed out, or issued before the store was reset. */
export function verifySessionValue(value: string | undefined, now = Date.now()): boolean {
  const s = readSessionValue(value, now);
  return s !== null && isSessionOpen(s.id, now);
}

/** End the session this value names, if it is one. False only when the store could not record that. */
export function revokeSessionValue(value: string | undefined): boolean {
  const s = readSessionValue(value, Date.now());
  return s === null || closeSession(s.id);
}

/** The 503 for when sessions cannot be kept: nobody can sign in, so nothing may be changed. */
export function sessionStoreUnavailable(problem: string): Response {
  return jsonError(503, 'session_store_unavailable', `Signing in is unavailable: sessions are kept in the dashboard's SQLite store, which cannot be used (${problem}). Reading still works; fix the data folder and restart the dashboard.`);
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function hasSession(req: Request): boolean {
  return verifySessionValue(readCookie(req, SESSION_COOKIE));
}

function isHttps(req: Request): boolean {
  return new URL(req.url).protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
}

export function sessionCookie(req: Request, value: string): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}${isHttps(req) ? '; Secure' : ''}`;
}

export function clearedSessionCookie(req: Request): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${isHttps(req) ? '; Secure' : ''}`;
}

/** null when the request carries a valid session; otherwise the 401 (or the 503 when sessions cannot be kept) to send. */
export function requireSession(req: Request): Response | null {
  if (hasSession(req)) return null;
  const problem = sessionStoreProblem();
  if (problem) return sessionStoreUnavailable(problem);
  return jsonError(401, 'unauthenticated', 'sign in with the admin password first');
}

/**
 * null when the request comes from a page of this dashboard. Origin must name the host the request
 * was sent to; without Origin, the browser's Sec-Fetch-Site must say same-origin. Anything else,
 * including a request with neither header, is refused.
 */
export function requireSameOrigin(req: Request): Response | null {
  const origin = req.headers.get('origin');
  if (origin !== null ? sameOrigin(origin, req.headers.get('host')) : req.headers.get('sec-fetch-site') === 'same-origin') return null;
  return jsonError(403, 'cross_origin', 'this request did not come from a page of this dashboard');
}

/** Both checks for a mutating request, origin first so a cross-site request learns nothing about sessions. */
export function requireMutation(req: Request): Response | null {
  return requireSameOrigin(req) ?? requireSession(req);
}

/** The client's address as the server's socket saw it. */
export function clientAddress(req: Request): string {
  // The socket's own address, stamped by the server (lib/lan/peer.ts); X-Forwarded-For is the client's to forge.
  return (readPeer(req.headers) ?? 'unknown').replace(/^::ffff:/, '').slice(0, 64);
}

import type { ErrorCode } from '../http-errors';

/** The dashboard takes small JSON or form posts only; anything bigger is refused before a route reads it. */
export const MAX_BODY_BYTES = 1024 * 1024;

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Refusal = { status: number; code: ErrorCode; message: string } | null;

/**
 * Checks every mutating request gets before any route runs: same origin, and a bounded body.
 * Routes still check the session and parse their input; this is the floor under all of them.
 */
export function checkMutation(method: string, headers: Headers): Refusal {
  if (SAFE.has(method)) return null;
  const origin = headers.get('origin');
  const crossSite = origin !== null ? !sameOrigin(origin, headers.get('host')) : headers.get('sec-fetch-site') === 'cross-site';
  if (crossSite) return { status: 403, code: 'cross_origin', message: 'This request came from another site, so the dashboard refused it.' };
  const length = Number(headers.get('content-length') ?? '0');
  if (!Number.isFinite(length) || length > MAX_BODY_BYTES) {
    return { status: 413, code: 'body_too_large', message: `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.` };
  }
  return null;
}

/**
 * Whether a browser's Origin names the host the request was sent to. Compared as URL hosts, so a
 * page served through a TLS-terminating proxy (Origin https://dash.lan, Host dash.lan) matches.
 */
export function sameOrigin(origin: string, hostHeader: string | null): boolean {
  if (!hostHeader || origin === 'null') return false;
  try {
    return new URL(origin).host.toLowerCase() === hostHeader.toLowerCase().replace(/:(80|443)$/, '');
  } catch {
    return false;
  }
}

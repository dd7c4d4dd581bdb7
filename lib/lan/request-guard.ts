import { hostName } from './hosts';

/** The dashboard takes small JSON or form posts only; anything bigger is refused before a route reads it. */
export const MAX_BODY_BYTES = 1024 * 1024;

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Refusal = { status: number; code: string; message: string } | null;

/**
 * Checks every mutating request gets before any route runs: same origin, and a bounded body.
 * Routes still check the session and parse their input; this is the floor under all of them.
 */
export function checkMutation(method: string, headers: Headers): Refusal {
  if (SAFE.has(method)) return null;
  const origin = headers.get('origin');
  const host = hostName(headers.get('host'));
  if (origin !== null) {
    let originHost: string | null = null;
    let originPort = '';
    try {
      const u = new URL(origin);
      originHost = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
      originPort = u.port || (u.protocol === 'https:' ? '443' : '80');
    } catch {
      /* "null" or garbage: not same-origin */
    }
    const hostPort = /:(\d+)$/.exec(headers.get('host') ?? '')?.[1] ?? '80';
    if (originHost === null || originHost !== host || originPort !== hostPort) {
      return { status: 403, code: 'cross_origin', message: 'This request came from another site, so the dashboard refused it.' };
    }
  } else if (headers.get('sec-fetch-site') === 'cross-site') {
    return { status: 403, code: 'cross_origin', message: 'This request came from another site, so the dashboard refused it.' };
  }
  const length = Number(headers.get('content-length') ?? '0');
  if (!Number.isFinite(length) || length > MAX_BODY_BYTES) {
    return { status: 413, code: 'body_too_large', message: `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.` };
  }
  return null;
}

import type { ErrorCode } from '../http-errors';

/**
 * What the server accepts as a request line, checked as each request arrives (lib/lan/peer.ts),
 * before Next.js's router sees it: some inputs never reach the proxy otherwise (Next.js cannot
 * build a request for TRACE, and redirects an absolute-form target to the host it names).
 */
export const SERVED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const served = new Set<string>(SERVED_METHODS);

export type LineProblem = 'method' | 'target' | 'encoding';

/**
 * The request as the server passes it on: `url` in origin form, one Next.js can route to the
 * proxy (an undecodable path is escaped, keeping /api/ so a refusal there is JSON); `host` when an
 * absolute-form target named one, which then replaces Host (RFC 9112, 3.2.2); `problem` when the
 * proxy must refuse it.
 */
export interface RequestLine {
  url: string;
  host?: string;
  problem?: LineProblem;
}

const ABSOLUTE = /^(https?):\/\/([^/?#]*)([^#]*)$/i;

/** An absolute-form target ("http://host/path") as a host and an origin-form path; null when it is not a valid one. */
function fromAbsolute(target: string): { host: string; url: string } | null {
  const m = ABSOLUTE.exec(target);
  if (!m || m[2] === '' || m[2].includes('@')) return null;
  try {
    // Only to check the authority; the path is kept as sent, not normalised.
    new URL(`${m[1]}://${m[2]}/`);
  } catch {
    return null;
  }
  const rest = m[3] === '' ? '/' : m[3];
  return { host: m[2], url: rest.startsWith('/') ? rest : `/${rest}` };
}

function decodes(url: string): boolean {
  const q = url.indexOf('?');
  try {
    decodeURIComponent(q < 0 ? url : url.slice(0, q));
    return true;
  } catch {
    return false;
  }
}

export function readRequestLine(method: string | undefined, target: string | undefined): RequestLine {
  const t = target ?? '';
  const abs = t.startsWith('/') ? null : fromAbsolute(t);
  if (!t.startsWith('/') && !abs) return { url: '/', problem: 'target' };
  const line: RequestLine = abs ?? { url: t };
  if (!decodes(line.url)) {
    line.url = line.url.replace(/%/g, '%25');
    line.problem = 'encoding';
  }
  if (!served.has(method ?? '')) line.problem = 'method';
  return line;
}

export interface LineRefusal {
  status: number;
  code: ErrorCode;
  message: string;
  headers?: Record<string, string>;
}

/** The answer to a refused request line; `method` is the one the client sent. */
export function lineRefusal(problem: LineProblem, method: string): LineRefusal {
  if (problem === 'method') {
    return { status: 405, code: 'method_not_allowed', message: `This dashboard does not serve ${method.slice(0, 20)} requests.`, headers: { allow: SERVED_METHODS.join(', ') } };
  }
  if (problem === 'target') return { status: 400, code: 'bad_request', message: 'The request target is not a path on this dashboard.' };
  return { status: 400, code: 'bad_request', message: 'The path has invalid percent-encoding, so it cannot name anything here.' };
}

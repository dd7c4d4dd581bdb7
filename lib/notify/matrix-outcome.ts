import { tryJson } from '../probes/http';
import type { JsonResponse, TransportError } from './json-http';

// What a homeserver's answer means for delivery: a typed outcome, in words, with whether a
// retry can help and when. Matrix errors are JSON {errcode, error} (reference/synapse.md §9).

export type MatrixFailureCode =
  | 'M_FORBIDDEN'
  | 'M_UNKNOWN_TOKEN'
  | 'M_MISSING_TOKEN'
  | 'M_LIMIT_EXCEEDED'
  | 'M_NOT_FOUND'
  | 'timeout'
  | 'refused'
  | 'unreachable'
  | 'blocked'
  | 'redirect'
  | 'garbage'
  | 'http-error';

export interface MatrixFailure {
  ok: false;
  code: MatrixFailureCode;
  /** For people: what went wrong and what to do. Never holds the token. */
  message: string;
  retryable: boolean;
  /** How long the server asked us to wait (429), in ms. */
  retryAfterMs?: number;
  status?: number;
  /** The server's errcode when it is not one of the codes above. */
  errcode?: string;
  ms: number;
}

export interface MatrixSent {
  ok: true;
  eventId: string;
  roomId: string;
  txnId: string;
  ms: number;
}

export type MatrixOutcome = MatrixSent | MatrixFailure;

/** What the request was for, to say it in the message. */
export interface AnswerContext {
  what: 'send' | 'alias';
  room: string;
}

const MAX_WAIT_MS = 24 * 3600_000;

const transportCodes: Record<TransportError, MatrixFailureCode> = {
  timeout: 'timeout',
  refused: 'refused',
  reset: 'unreachable',
  dns: 'unreachable',
  tls: 'unreachable',
  network: 'unreachable',
  blocked: 'blocked',
};

export function transportFailure(r: Extract<JsonResponse, { ok: false }>): MatrixFailure {
  const code = transportCodes[r.error];
  const why = code === 'refused' ? 'the homeserver refused the connection (is Synapse running?)' : `the homeserver did not answer: ${r.message}`;
  return { ok: false, code, message: code === 'blocked' ? r.message : why, retryable: code !== 'blocked', ms: r.ms };
}

/** retry_after_ms from the body, else the Retry-After header (seconds or an HTTP date). */
export function retryAfterMs(body: unknown, header: string | undefined, now = Date.now()): number | undefined {
  const fromBody = (body as { retry_after_ms?: unknown } | undefined)?.retry_after_ms;
  let wait: number | undefined;
  if (typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0) wait = fromBody;
  else if (header && /^\d+$/.test(header.trim())) wait = Number(header.trim()) * 1000;
  else if (header && !Number.isNaN(Date.parse(header))) wait = Math.max(0, Date.parse(header) - now);
  return wait === undefined ? undefined : Math.min(Math.round(wait), MAX_WAIT_MS);
}

function matrixError(status: number, json: { errcode?: unknown; error?: unknown; soft_logout?: unknown }, ctx: AnswerContext, ms: number, retryAfter?: string): MatrixFailure {
  const errcode = typeof json.errcode === 'string' ? json.errcode : undefined;
  const said = typeof json.error === 'string' && json.error ? ` The server said: "${json.error.slice(0, 200)}".` : '';
  const base = { ok: false as const, status, ms };
  if (errcode === 'M_LIMIT_EXCEEDED' || status === 429) {
    const wait = retryAfterMs(json, retryAfter);
    const when = wait === undefined ? 'later' : `in ${Math.ceil(wait / 1000)} s`;
    return { ...base, code: 'M_LIMIT_EXCEEDED', retryable: true, retryAfterMs: wait, message: `the homeserver is rate-limiting the bot (M_LIMIT_EXCEEDED); retrying ${when}.` };
  }
  if (errcode === 'M_FORBIDDEN') {
    return { ...base, code: 'M_FORBIDDEN', retryable: false, message: `the bot may not post in ${ctx.room} (M_FORBIDDEN): invite it and let it join the room.${said}` };
  }
  if (errcode === 'M_UNKNOWN_TOKEN') {
    const soft = json.soft_logout === true ? ' (soft logout: log the bot in again)' : '';
    return { ...base, code: 'M_UNKNOWN_TOKEN', retryable: false, message: `the access token is wrong or was revoked (M_UNKNOWN_TOKEN)${soft}; put a fresh one in the token file.` };
  }
  if (errcode === 'M_MISSING_TOKEN') {
    return { ...base, code: 'M_MISSING_TOKEN', retryable: false, message: 'the homeserver got no access token (M_MISSING_TOKEN); check tokenFile or tokenEnv.' };
  }
  if (errcode === 'M_NOT_FOUND' || (status === 404 && errcode === undefined)) {
    const what = ctx.what === 'alias' ? `the room alias ${ctx.room} does not exist` : `the room ${ctx.room} is not known to the homeserver`;
    return { ...base, code: 'M_NOT_FOUND', retryable: false, message: `${what} (M_NOT_FOUND).${said}` };
  }
  const retryable = status >= 500 || status === 408;
  return { ...base, code: 'http-error', errcode, retryable, message: `the homeserver answered HTTP ${status}${errcode ? ` (${errcode})` : ''}.${said}` };
}

/**
 * Read one HTTP answer: success needs a 2xx JSON object with `field` (event_id, room_id);
 * anything else becomes a failure. A garbage answer to a send is retried: the txnId makes
 * that safe even if the first one was posted.
 */
export function readAnswer(r: Extract<JsonResponse, { ok: true }>, field: 'event_id' | 'room_id', ctx: AnswerContext): { value: string; ms: number } | MatrixFailure {
  const json = tryJson(r.body);
  const obj = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (r.status >= 300 && r.status < 400) {
    return { ok: false, code: 'redirect', status: r.status, retryable: false, ms: r.ms, message: `the homeserver answered with a redirect (HTTP ${r.status}); not followed: set homeserver to the address that answers.` };
  }
  if (r.status >= 200 && r.status < 300) {
    const v = obj?.[field];
    if (typeof v === 'string' && v.length > 0 && v.length < 512) return { value: v, ms: r.ms };
    return { ok: false, code: 'garbage', status: r.status, retryable: true, ms: r.ms, message: `the homeserver answered HTTP ${r.status} without a ${field}: not a Matrix answer.` };
  }
  if (!obj && r.status !== 429) {
    return { ok: false, code: 'http-error', status: r.status, retryable: r.status >= 500, ms: r.ms, message: `the homeserver answered HTTP ${r.status}, and not with a Matrix error: is homeserver the right address?` };
  }
  return matrixError(r.status, obj ?? {}, ctx, r.ms, r.retryAfter);
}

import { noStore } from './no-store';

/**
 * Every code a JSON error body can carry, from the proxy and from the routes alike: one
 * vocabulary, snake_case, so a client or a test never has to know which layer refused.
 */
export const errorCodes = [
  // The proxy (lib/lan): who may ask at all.
  'config_invalid',
  'peer_unknown',
  'bad_request',
  'method_not_allowed',
  'network_not_allowed',
  'host_not_allowed',
  'cross_origin',
  'body_too_large',
  // Sessions and sign-in.
  'unauthenticated',
  'wrong_password',
  'rate_limited',
  'sign_in_disabled',
  'session_store_unavailable',
  // Request bodies and parameters.
  'unsupported_media_type',
  'bad_json',
  'invalid_body',
  'bad_size',
  // Resources.
  'not_found',
  'busy',
  'conflict',
  'not_running',
  'rebuild_unavailable',
  'status_unavailable',
  'metrics_unavailable',
  'notifications_unavailable',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorOptions {
  /** Extra plain fields for the client (a run id, say); primitives only, so no error object slips in. */
  fields?: Record<string, string | number | boolean | null>;
  headers?: Record<string, string>;
}

/**
 * One error shape for every route and the proxy: a status that means what it says, a code from
 * the list above and a message a person can act on. Never an upstream error object or a stack.
 */
export function jsonError(status: number, code: ErrorCode, message: string, opts: ErrorOptions = {}): Response {
  return Response.json({ error: { ...opts.fields, code, message } }, { status, headers: noStore(opts.headers) });
}

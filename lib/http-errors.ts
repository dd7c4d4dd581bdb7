/**
 * One error shape for every route: a status that means what it says and a message a person can
 * act on. Never an upstream error object or a stack.
 */
export function jsonError(status: number, code: string, message: string, extra?: Record<string, unknown>): Response {
  return Response.json({ error: { code, message, ...extra } }, { status, headers: { 'cache-control': 'no-store' } });
}

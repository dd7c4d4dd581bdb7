import { jsonError } from '../http-errors';
import type { ActionResult } from './actions';
import { alertEngine } from './index';
import type { AlertEngine } from './engine';

/** The running alerting, or the 503 to send when the server started without it. */
export function engineOr503(): { engine: AlertEngine } | { error: Response } {
  const engine = alertEngine();
  return engine ? { engine } : { error: jsonError(503, 'notifications_unavailable', 'the alerting is not running in this server process; restart the dashboard') };
}

/** An action's refusal as the route's error. */
export function actionError(r: Extract<ActionResult<unknown>, { ok: false }>): Response {
  return jsonError(r.status, r.status === 404 ? 'not_found' : r.status === 409 ? 'conflict' : 'invalid_body', r.message);
}

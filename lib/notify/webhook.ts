import type { WebhookNotifierConfig } from '../config';
import type { Channel, ChannelOptions } from './channel';
import { originOf, policyOf } from './channel';
import { alertCategoriesOf, alertKey, type AlertEvent } from './events';
import { requestJson, type JsonResponse } from './json-http';
import { retryAfterMs } from './matrix-outcome';
import type { RenderedAlert } from './messages';
import type { AttemptResult } from './queue-store';

// ntfy and JSON webhooks: one attempt per call; the queue retries. A token comes from the
// environment at send time and is sent as a header only.

/** ntfy's priority (1..5) and tags for an event: an outage is loud, a recovery is not. */
export function ntfyStyle(e: AlertEvent): { priority: number; tags: string[] } {
  const cats = alertCategoriesOf(e);
  const subject = 'service' in e ? e.service : 'machine' in e ? e.machine : 'dashboard';
  if (e.type === 'test') return { priority: 3, tags: ['test_tube'] };
  if (cats.includes('down')) return { priority: 4, tags: ['rotating_light', subject] };
  if (e.type === 'reminder') return { priority: 4, tags: ['hourglass', subject] };
  if (cats.includes('recovered') || e.type === 'maintenance') return { priority: 3, tags: ['white_check_mark', subject] };
  if (e.type === 'job') return { priority: e.job.outcome === 'succeeded' ? 3 : 4, tags: [e.job.outcome === 'succeeded' ? 'white_check_mark' : 'x', e.job.kind] };
  return { priority: 4, tags: ['warning', subject] };
}

/** The JSON webhook body: the event's facts, its key, and the message ready-made. */
export function jsonPayload(e: AlertEvent, m: RenderedAlert): Record<string, unknown> {
  return { ...e, key: alertKey(e), at: new Date(e.at).toISOString(), title: m.title, text: m.plain };
}

// Header values must be ASCII.
const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

function requestFor(t: WebhookNotifierConfig, e: AlertEvent, m: RenderedAlert, env: Partial<NodeJS.ProcessEnv>) {
  const headers: Record<string, string> = {};
  const token = t.tokenEnv ? env[t.tokenEnv]?.trim() : undefined;
  if (token) headers.authorization = `Bearer ${token}`;
  if (t.kind === 'json') return { headers, body: jsonPayload(e, m) };
  const style = ntfyStyle(e);
  // ntfy reads the message from the body and the rest from headers.
  Object.assign(headers, { title: ascii(m.title), priority: String(style.priority), tags: ascii(style.tags.join(',')), 'content-type': 'text/plain; charset=utf-8' });
  return { headers, rawBody: m.plain };
}

/** What one answer means: delivered, worth retrying (no answer, 408, 429, 5xx), or refused for good. */
export function webhookResult(r: JsonResponse): AttemptResult {
  if (!r.ok) return { ok: false, code: r.error, message: r.error === 'blocked' ? r.message : `the server did not answer: ${r.message}`, retryable: r.error !== 'blocked' };
  if (r.status >= 200 && r.status < 300) return { ok: true };
  const retryable = r.status === 408 || r.status === 429 || r.status >= 500;
  const wait = r.status === 429 || r.status === 503 ? retryAfterMs(undefined, r.retryAfter) : undefined;
  const redirect = r.status >= 300 && r.status < 400 ? ' (a redirect: not followed; set url to the address that answers)' : '';
  return { ok: false, code: 'http-error', message: `the server answered HTTP ${r.status}${redirect}`, retryable, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
}

export function webhookChannel(t: WebhookNotifierConfig, opts: ChannelOptions): Channel {
  const env = opts.env ?? process.env;
  const origin = originOf(t.url);
  return {
    id: t.id,
    kind: t.kind,
    // The path may carry an ntfy topic, which is as good as a password on a public server: only the host is named.
    where: `${t.kind === 'ntfy' ? 'ntfy' : 'JSON webhook'} on ${origin}`,
    origin,
    filter: { events: t.events, services: t.services },
    remindEveryMinutes: t.remindEveryMinutes,
    fallback: t.fallback,
    timeoutMs: t.timeoutMs,
    policy: (test) => policyOf(t, test),
    async send(message, event) {
      const req = requestFor(t, event, message, env);
      return webhookResult(await requestJson(t.url, { method: 'POST', timeoutMs: t.timeoutMs, ...req }));
    },
  };
}

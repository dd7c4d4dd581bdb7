import type { Config } from '../config-schema';
import { describe, eventKey, jsonPayload, type NotifyEvent } from './format';

export type Target = Config['notifications'][number];

export interface NotifierDeps {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  env?: NodeJS.ProcessEnv;
  /** First retry delay; doubles each time. */
  backoffMs?: number;
  log?: (msg: string) => void;
}

export interface Delivery {
  target: string;
  key: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

/** Retry on network errors, timeouts, 408, 429 and 5xx; any other answer is final. */
const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Webhook delivery that never blocks the caller: notify() returns at once, delivery runs in the
 * background with a timeout per attempt and exponential backoff. Each event key is sent once.
 */
export class Notifier {
  private sent = new Set<string>();
  private inflight = new Set<Promise<unknown>>();
  readonly deliveries: Delivery[] = [];

  constructor(
    private targets: Target[],
    private deps: NotifierDeps = {},
  ) {}

  notify(e: NotifyEvent): boolean {
    const key = eventKey(e);
    if (this.sent.has(key) || this.targets.length === 0) return false;
    this.sent.add(key);
    if (this.sent.size > 10_000) this.sent.delete(this.sent.values().next().value!);
    for (const t of this.targets) {
      const p = this.deliver(t, e, key).then((d) => {
        this.deliveries.push(d);
        if (this.deliveries.length > 100) this.deliveries.shift();
        if (!d.ok) (this.deps.log ?? console.error)(`notification ${key} to ${new URL(t.url).host} failed after ${d.attempts} attempt(s): ${d.error}`);
      });
      this.inflight.add(p);
      void p.finally(() => this.inflight.delete(p));
    }
    return true;
  }

  /** For tests and shutdown: wait until every delivery has finished. */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }

  private async deliver(t: Target, e: NotifyEvent, key: string): Promise<Delivery> {
    const doFetch = this.deps.fetch ?? fetch;
    const sleep = this.deps.sleep ?? realSleep;
    const base = this.deps.backoffMs ?? 1000;
    const req = request(t, e, this.deps.env ?? process.env);
    let error = '';
    for (let attempt = 1; attempt <= t.retries + 1; attempt++) {
      if (attempt > 1) await sleep(base * 2 ** (attempt - 2));
      try {
        const r = await doFetch(t.url, { ...req, redirect: 'error', signal: AbortSignal.timeout(t.timeoutMs) });
        await r.body?.cancel().catch(() => {});
        if (r.ok) return { target: t.url, key, ok: true, attempts: attempt };
        error = `HTTP ${r.status}`;
        if (!retryable(r.status)) return { target: t.url, key, ok: false, attempts: attempt, error };
      } catch (err) {
        const x = err as Error;
        error = x.name === 'TimeoutError' ? `no answer within ${t.timeoutMs} ms` : x.message;
      }
    }
    return { target: t.url, key, ok: false, attempts: t.retries + 1, error };
  }
}

function request(t: Target, e: NotifyEvent, env: NodeJS.ProcessEnv): { method: 'POST'; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  const token = t.tokenEnv ? env[t.tokenEnv] : undefined;
  if (token) headers.authorization = `Bearer ${token}`;
  if (t.kind === 'ntfy') {
    const m = describe(e);
    // ntfy reads the message from the body and the rest from headers; header values must be ASCII.
    headers.title = m.title.replace(/[^\x20-\x7e]/g, '?');
    headers.priority = String(m.priority);
    headers.tags = m.tags.join(',').replace(/[^\x20-\x7e]/g, '?');
    headers['content-type'] = 'text/plain; charset=utf-8';
    return { method: 'POST', headers, body: m.body };
  }
  headers['content-type'] = 'application/json';
  return { method: 'POST', headers, body: JSON.stringify(jsonPayload(e)) };
}

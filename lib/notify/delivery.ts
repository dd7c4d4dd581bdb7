import type { Channel } from './channel';
import type { AlertEvent } from './events';
import { renderAlert } from './messages';
import { claimDue, getDelivery, nextDueAt, recordAttempt, releaseClaims, type AttemptResult, type QueueRow, type Recorded } from './queue-store';
import type { AlertRuntime } from './runtime';
import { failOrphans } from './queue-admin';

// The worker that empties the queue: each notifier's due rows in order, the notifiers side by
// side (a homeserver that hangs does not hold up the ntfy fallback), a timer for the next row
// due, and nothing lost if the process dies mid-attempt (the row's lease runs out).

/** Later than this after the event, a message says it is late. */
const LATE_AFTER_MS = 10 * 60_000;
const BATCH = 10;

export class DeliveryWorker {
  private pumping: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly waiters = new Map<number, Set<(row: QueueRow | null) => void>>();

  constructor(private readonly rt: AlertRuntime) {}

  /** After a restart: leases of the old process are void, rows for notifiers no longer configured fail. */
  start(): void {
    releaseClaims(this.rt.db);
    const gone = failOrphans(this.rt.db, [...this.rt.channels.keys()], this.rt.now());
    if (gone) this.rt.log(`notifications: ${gone} pending deliveries name a notifier that is no longer configured; marked failed`);
    this.kick();
  }

  /** Deliver what is due now (again, if a pass is running). */
  kick(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      this.schedule();
    });
  }

  private async pump(): Promise<void> {
    do {
      this.again = false;
      await Promise.all([...this.rt.channels.values()].map((c) => this.drain(c)));
    } while (this.again && !this.stopped);
  }

  private async drain(c: Channel): Promise<void> {
    for (;;) {
      const rows = claimDue(this.rt.db, this.rt.now(), { notifier: c.id, limit: BATCH, leaseMs: c.timeoutMs * 3 + 30_000 });
      if (rows.length === 0) return;
      for (const row of rows) await this.attempt(c, row);
      if (rows.length < BATCH || this.stopped) return;
    }
  }

  private async attempt(c: Channel, row: QueueRow): Promise<void> {
    const event = row.payload as AlertEvent;
    const test = event.type === 'test';
    const late = !test && (row.late || this.rt.now() - row.eventAt > LATE_AFTER_MS);
    const message = renderAlert(event, { tz: this.rt.tz, late: late ? { deliveredAt: this.rt.now() } : undefined });
    let result: AttemptResult;
    try {
      result = await c.send(message, event, row.eventKey);
    } catch (e) {
      result = { ok: false, code: 'error', message: `the notifier failed: ${(e as Error).message}`, retryable: true };
    }
    const rec = recordAttempt(this.rt.db, row.id, result, this.rt.now(), c.policy(test));
    this.note(c, row, result, rec);
    if (rec.routed?.created) this.again = true;
    this.wake(row.id);
  }

  /** One line when something changes: the first failure, a fallback, giving up, a success after failures. */
  private note(c: Channel, row: QueueRow, r: AttemptResult, rec: Recorded): void {
    const what = `notification ${row.eventKey} to ${c.id} (${c.where})`;
    if (r.ok) {
      if (row.attempts > 0) this.rt.log(`${what}: delivered after ${row.attempts + 1} attempts${row.late ? ', late' : ''}`);
      return;
    }
    if (rec.state === 'failed') this.rt.log(`${what}: not delivered after ${row.attempts + 1} attempt(s), given up: ${r.message}`);
    else if (row.attempts === 0) this.rt.log(`${what}: not delivered yet, will retry: ${r.message}`);
    if (rec.routed?.created) this.rt.log(`${what}: handed to the fallback ${rec.routed.notifier}`);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    const next = nextDueAt(this.rt.db);
    if (next === null) return;
    // A row leased by a dead attempt comes due again when its lease runs out; never spin on it.
    this.timer = setTimeout(() => this.kick(), Math.min(Math.max(50, next - this.rt.now()), 60_000));
    this.timer.unref?.();
  }

  private wake(id: number): void {
    const ws = this.waiters.get(id);
    if (!ws) return;
    this.waiters.delete(id);
    const row = getDelivery(this.rt.db, id);
    for (const w of ws) w(row);
  }

  /** Resolves with the row after its next attempt is recorded, or null after `timeoutMs`. */
  nextAttempt(id: number, timeoutMs: number): Promise<QueueRow | null> {
    return new Promise((resolve) => {
      const set = this.waiters.get(id) ?? new Set();
      this.waiters.set(id, set);
      const done = (row: QueueRow | null) => (clearTimeout(t), set.delete(done), resolve(row));
      const t = setTimeout(() => done(null), timeoutMs);
      set.add(done);
    });
  }

  /** Resolves when no pass is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

import { stmt, type Db } from '../db';

// Queue changes made from outside a delivery attempt.

/** Rows pending for notifiers that are no longer configured cannot be sent: say so instead of waiting for ever. */
export function failOrphans(db: Db, known: readonly string[], now: number): number {
  const rows = stmt(db, "SELECT id, notifier FROM notify_queue WHERE state = 'pending'").all() as { id: number; notifier: string }[];
  const fail = stmt(db, "UPDATE notify_queue SET state = 'failed', result = ?, result_code = 'not-configured', next_at = ? WHERE id = ?");
  let n = 0;
  for (const r of rows) {
    if (known.includes(r.notifier)) continue;
    fail.run(`the notifier "${r.notifier}" is no longer in the config`, now, r.id);
    n++;
  }
  return n;
}

/** Its server is back: try this notifier's waiting rows now rather than at the end of their backoff. */
export function hurryNotifier(db: Db, notifier: string, now: number): number {
  return stmt(db, "UPDATE notify_queue SET next_at = ? WHERE notifier = ? AND state = 'pending' AND next_at > ?").run(now, notifier, now).changes;
}

/** How many rows wait and how many failed, per notifier, for the page. */
export function queueCounts(db: Db): Record<string, { pending: number; failed: number; delivered: number }> {
  const out: Record<string, { pending: number; failed: number; delivered: number }> = {};
  for (const r of stmt(db, 'SELECT notifier, state, COUNT(*) AS n FROM notify_queue GROUP BY notifier, state').all() as { notifier: string; state: string; n: number }[]) {
    const c = (out[r.notifier] ??= { pending: 0, failed: 0, delivered: 0 });
    if (r.state === 'pending' || r.state === 'failed' || r.state === 'delivered') c[r.state] += r.n;
  }
  return out;
}

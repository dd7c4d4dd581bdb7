import { stmt, type Db } from '../db';
import { toRow, type QueueRow, type RawRow } from './queue-schema';

/** The row of one event for one notifier, if it was queued. */
export function findDelivery(db: Db, notifier: string, eventKey: string): QueueRow | null {
  const r = stmt(db, 'SELECT * FROM notify_queue WHERE notifier = ? AND event_key = ?').get(notifier, eventKey) as RawRow | undefined;
  return r ? toRow(r) : null;
}

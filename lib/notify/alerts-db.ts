import Database from 'better-sqlite3';
import { dbError, withSchema, type Db } from '../db';
import { EVENTS_DDL } from './event-log';
import { QUEUE_DDL } from './queue-schema';
import { SILENCES_DDL } from './silence-store';

// The alerting's tables (queue, decisions, silences) in the dashboard's store. When the store
// cannot be opened, alerts still go out from a database in memory, and the page says that a
// restart would lose what is pending.

export const ALERTS_DDL = `${QUEUE_DDL}\n${EVENTS_DDL}\n${SILENCES_DDL}`;

export interface AlertsDb {
  db: Db;
  durable: boolean;
  /** Why the queue is not durable; absent when it is. */
  problem?: string;
}

let memory: Db | undefined;

/** A database in memory with the same tables (also what unit tests use). */
export function memoryAlertsDb(): Db {
  const db = new Database(':memory:');
  db.exec(ALERTS_DDL);
  return db;
}

export function openAlertsDb(): AlertsDb {
  const db = withSchema('notify', ALERTS_DDL);
  if (db) return { db, durable: true };
  memory ??= memoryAlertsDb();
  return { db: memory, durable: false, problem: dbError() ?? 'the store is not available' };
}

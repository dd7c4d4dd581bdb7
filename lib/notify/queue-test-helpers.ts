import Database from 'better-sqlite3';
import type { Db } from '../db';
import { QUEUE_DDL } from './queue-schema';

/** A queue database in a file, opened as the store opens it (WAL): close and reopen it to "restart". */
export function openQueueDb(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(QUEUE_DDL);
  return db;
}

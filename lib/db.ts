import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dataDir } from './config';
import { processState } from './process-state';

export type Db = Database.Database;

interface DbState {
  db?: Db;
  /** Why the store is unavailable; the dashboard keeps running without it and shows this. */
  error?: string;
  schemas: Set<string>;
}

// One handle per process, shared by route handlers and instrumentation.ts (separate bundles).
const state = processState<DbState>('db', () => ({ schemas: new Set() }));

/**
 * The SQLite store in the data directory (WAL). Returns null, and remembers why, when it cannot be
 * opened: history and rebuild records are lost then, but live status must keep working.
 */
export function getDb(): Db | null {
  if (state.db) return state.db;
  try {
    const dir = dataDir();
    fs.mkdirSync(dir, { recursive: true });
    const db = new Database(path.join(dir, 'dashboard.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 2000');
    state.db = db;
    state.error = undefined;
    return db;
  } catch (e) {
    state.error = `the history store cannot be opened: ${(e as Error).message}`;
    return null;
  }
}

/**
 * Create a module's tables once per process. `ddl` must be idempotent (CREATE ... IF NOT EXISTS),
 * so each feature owns its tables without a shared migration list.
 */
export function withSchema(name: string, ddl: string): Db | null {
  const db = getDb();
  if (!db) return null;
  if (!state.schemas.has(name)) {
    try {
      db.exec(ddl);
      state.schemas.add(name);
    } catch (e) {
      state.error = `the history store could not be prepared (${name}): ${(e as Error).message}`;
      return null;
    }
  }
  return db;
}

/** Record a failed write, so the UI can warn that history is not being kept. */
export function noteDbError(e: unknown): void {
  state.error = `the history store cannot be written: ${(e as Error).message ?? String(e)}`;
}

export function dbError(): string | undefined {
  return state.error;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection: the history queries run every round. */
export function stmt(db: Db, sql: string): Database.Statement {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map()));
  let s = byDb.get(sql);
  if (!s) byDb.set(sql, (s = db.prepare(sql)));
  return s;
}

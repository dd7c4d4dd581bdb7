import { createHash, randomBytes } from 'node:crypto';
import { dbError, noteDbError, stmt, withSchema, type Db } from './db';

// Sessions the server has issued and not yet ended, in SQLite so that signing out holds across a
// restart. Only a hash of each id is kept: a copy of the file does not let anyone sign in.
const DDL = `
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

const hash = (id: string) => createHash('sha256').update(id, 'utf8').digest('base64url');

function store(): Db | null {
  return withSchema('sessions', DDL);
}

/** Why sessions cannot be kept right now, for a message; null when the store works. */
export function sessionStoreProblem(): string | null {
  return store() ? null : (dbError() ?? 'the store is not available');
}

/** A new session id, valid until `expiresAt`; null when it cannot be recorded (then there is no session). */
export function openSession(expiresAt: number, now = Date.now()): string | null {
  const db = store();
  if (!db) return null;
  const id = randomBytes(18).toString('base64url');
  try {
    db.transaction(() => {
      stmt(db, 'DELETE FROM sessions WHERE expires_at <= ?').run(now);
      stmt(db, 'INSERT INTO sessions (id_hash, created_at, expires_at) VALUES (?, ?, ?)').run(hash(id), now, expiresAt);
    })();
    return id;
  } catch (e) {
    noteDbError(e);
    return null;
  }
}

/** Whether the server issued this session and it has neither expired nor been ended. Unreadable: false. */
export function isSessionOpen(id: string, now = Date.now()): boolean {
  const db = store();
  if (!db) return false;
  try {
    return stmt(db, 'SELECT 1 FROM sessions WHERE id_hash = ? AND expires_at > ?').get(hash(id), now) !== undefined;
  } catch (e) {
    noteDbError(e);
    return false;
  }
}

/** End a session for good. False when the store could not be written (the session may still be open). */
export function closeSession(id: string): boolean {
  const db = store();
  if (!db) return false;
  try {
    stmt(db, 'DELETE FROM sessions WHERE id_hash = ?').run(hash(id));
    return true;
  } catch (e) {
    noteDbError(e);
    return false;
  }
}

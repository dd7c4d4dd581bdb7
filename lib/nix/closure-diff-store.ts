import { noteDbError, stmt, withSchema, type Db } from '../db';
import type { ClosureDiffLine } from './closure-diff';
import { isStorePath } from './store-path';

// Store paths never change, so the diff between two of them is computed once and kept.
// Only real store paths are keys: /run/current-system and the profile links move.

export const CLOSURE_DIFFS_DDL = `
CREATE TABLE IF NOT EXISTS closure_diffs (
  before_path TEXT NOT NULL,
  after_path TEXT NOT NULL,
  lines TEXT NOT NULL,
  computed_at INTEGER NOT NULL,
  PRIMARY KEY (before_path, after_path)
);
CREATE INDEX IF NOT EXISTS closure_diffs_computed ON closure_diffs (computed_at);
`;

/** Rows kept at most; the oldest computed go first. 100 generations need 99. */
export const MAX_CLOSURE_DIFFS = 2000;
/** A diff's JSON at most; past it the lines are cut and a raw line says so. */
const MAX_JSON = 256 * 1024;

export function closureDiffDb(): Db | null {
  return withSchema('closure_diffs', CLOSURE_DIFFS_DDL);
}

export interface PathPair {
  before: string;
  after: string;
}

export const pairKey = (p: PathPair) => `${p.before}\n${p.after}`;

function decode(text: string): ClosureDiffLine[] | null {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as ClosureDiffLine[]) : null;
  } catch {
    return null;
  }
}

/** The kept diffs for these pairs (one lookup each on the primary key), by pairKey. */
export function getClosureDiffs(db: Db, pairs: readonly PathPair[]): Map<string, ClosureDiffLine[]> {
  const out = new Map<string, ClosureDiffLine[]>();
  try {
    const q = stmt(db, 'SELECT lines FROM closure_diffs WHERE before_path = ? AND after_path = ?');
    for (const p of pairs) {
      const row = q.get(p.before, p.after) as { lines: string } | undefined;
      const lines = row ? decode(row.lines) : null;
      if (lines) out.set(pairKey(p), lines);
    }
  } catch (e) {
    noteDbError(e);
  }
  return out;
}

export function getClosureDiff(db: Db, before: string, after: string): ClosureDiffLine[] | null {
  return getClosureDiffs(db, [{ before, after }]).get(pairKey({ before, after })) ?? null;
}

function encode(lines: readonly ClosureDiffLine[]): string {
  let json = JSON.stringify(lines);
  if (json.length <= MAX_JSON) return json;
  const kept = [...lines];
  while (kept.length && json.length > MAX_JSON) {
    kept.splice(Math.floor(kept.length * 0.9));
    json = JSON.stringify([...kept, { raw: `… ${lines.length - kept.length} more lines not kept` }]);
  }
  return json;
}

/**
 * Keep a diff; false when the pair is not two store paths or the write failed. Past the bound,
 * the oldest rows go.
 */
export function putClosureDiff(db: Db, before: string, after: string, lines: readonly ClosureDiffLine[], now = Date.now(), maxRows = MAX_CLOSURE_DIFFS): boolean {
  if (!isStorePath(before) || !isStorePath(after)) return false;
  try {
    db.transaction(() => {
      stmt(db, 'INSERT OR REPLACE INTO closure_diffs (before_path, after_path, lines, computed_at) VALUES (?, ?, ?, ?)').run(before, after, encode(lines), now);
      stmt(db, 'DELETE FROM closure_diffs WHERE rowid IN (SELECT rowid FROM closure_diffs ORDER BY computed_at DESC, rowid DESC LIMIT -1 OFFSET ?)').run(maxRows);
    })();
    return true;
  } catch (e) {
    noteDbError(e);
    return false;
  }
}

import type { Db } from '../db';
import type { ServiceHistory, Snapshot, SnapshotAdditions } from '../types';
import { IncidentTracker, trackedRound, type HistoryEvent, type TrackedRound } from './incidents';
import { serviceHistory } from './queries';
import { MINUTE, type DbProvider, type HistorySettings } from './schema';
import { prune, writeSample, type Sample } from './store';

export interface RecorderOptions {
  db: DbProvider;
  settings: HistorySettings;
  clock?: () => number;
  /** Called after a round is committed, once per new state change. */
  onEvent?: (e: HistoryEvent) => void;
  /** Rounds kept in memory while the store cannot be written, then written when it can. */
  maxPending?: number;
  pruneEveryMs?: number;
}

export interface RecorderHealth {
  ok: boolean;
  error?: string;
  /** Rounds waiting in memory for the store to accept them. */
  pending: number;
  /** Rounds lost because the store stayed unwritable longer than the buffer lasts. */
  dropped: number;
  lastWriteAt: number | null;
}

interface Round {
  at: number;
  snap: TrackedRound;
  samples: Sample[];
}

/**
 * Records every snapshot: raw samples, minute and hour summaries, incidents. It returns what the
 * published snapshot should carry (each service's uptime, a warning) and never edits the round.
 * When the store fails the round is kept and retried with the next one, and the warning says so,
 * so live status goes on and nothing is dropped without saying so.
 */
export class Recorder {
  private tracker = new IncidentTracker();
  private pending: Round[] = [];
  private dropped = 0;
  private error: string | undefined;
  private lastWriteAt: number | null = null;
  private lastPrune = -Infinity;
  private clock: () => number;

  constructor(private opt: RecorderOptions) {
    this.clock = opt.clock ?? Date.now;
  }

  record(snap: Snapshot): SnapshotAdditions {
    const at = Number.isFinite(Date.parse(snap.generatedAt)) ? Date.parse(snap.generatedAt) : this.clock();
    const samples = snap.machines.flatMap((m) => m.services.map((s) => ({ service: s.id, at, state: s.state, latencyMs: s.latencyMs })));
    this.pending.push({ at, snap: trackedRound(snap), samples });
    const max = this.opt.maxPending ?? 5000;
    if (this.pending.length > max) this.dropped += this.pending.splice(0, this.pending.length - max).length;

    const db = this.flush();
    const history = db ? this.read(db, snap, at) : undefined;
    const warning = this.warning();
    return { ...(history ? { history } : {}), ...(warning ? { warnings: [warning] } : {}) };
  }

  health(): RecorderHealth {
    return { ok: !this.error, error: this.error, pending: this.pending.length, dropped: this.dropped, lastWriteAt: this.lastWriteAt };
  }

  private flush(): Db | null {
    let db: Db | null = null;
    try {
      db = this.opt.db();
      if (!db) throw new Error('the database is not available');
      const events: HistoryEvent[] = [];
      const conn = db;
      conn.transaction(() => {
        for (const r of this.pending) {
          for (const s of r.samples) writeSample(conn, s);
          events.push(...this.tracker.apply(conn, r.snap, r.at));
        }
      })();
      this.lastWriteAt = this.pending.at(-1)?.at ?? this.lastWriteAt;
      this.pending = [];
      this.error = undefined;
      for (const e of events) this.opt.onEvent?.(e);
    } catch (e) {
      // The transaction rolled back: forget what the tracker believed and read it again next time.
      this.tracker.reset();
      this.error = (e as Error).message ?? String(e);
      return db && this.canRead(db) ? db : null;
    }
    this.maybePrune(db);
    return db;
  }

  private maybePrune(db: Db): void {
    const now = this.clock();
    if (now - this.lastPrune < (this.opt.pruneEveryMs ?? 10 * MINUTE)) return;
    this.lastPrune = now;
    try {
      prune(db, now, this.opt.settings);
    } catch (e) {
      this.error = `pruning failed: ${(e as Error).message}`;
    }
  }

  private canRead(db: Db): boolean {
    try {
      db.prepare('SELECT 1 FROM history_minutes LIMIT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  private read(db: Db, snap: Snapshot, at: number): Record<string, ServiceHistory> | undefined {
    try {
      return Object.fromEntries(snap.machines.flatMap((m) => m.services.map((s) => [s.id, serviceHistory(db, s.id, at)])));
    } catch (e) {
      this.error ??= `history could not be read: ${(e as Error).message}`;
      return undefined;
    }
  }

  private warning(): string | undefined {
    if (!this.error && this.dropped === 0) return undefined;
    const parts = [];
    if (this.error) parts.push(`History is not being saved: ${this.error}.`);
    if (this.pending.length) parts.push(`${this.pending.length} probe round(s) are held in memory and will be written when the store recovers.`);
    if (this.dropped) parts.push(`${this.dropped} round(s) were lost while the store was unwritable.`);
    return parts.join(' ');
  }
}

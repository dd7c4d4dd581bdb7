import type { Config } from '../config';
import { dbError, withSchema, type Db } from '../db';
import { foldIntoSnapshots } from '../snapshot-store';
import { notify } from '../notify';
import { fromHistory } from '../notify/from-history';
import { Recorder, type RecorderHealth } from './recorder';
import { HISTORY_DDL } from './schema';
import { processState } from '../process-state';

interface HistoryState {
  recorder?: Recorder;
  unsubscribe?: () => void;
}

// One recorder per process, whichever bundle (instrumentation or a route) asks first.
const state = processState<HistoryState>('history', () => ({}));

/** The history tables, created on first use; null when the store cannot be opened. */
export function historyDb(): Db | null {
  return withSchema('history', HISTORY_DDL);
}

/** Record every snapshot from now on, and send notifications on state changes. Idempotent. */
export function startHistory(config: Pick<Config, 'history' | 'notifications'>): void {
  if (state.recorder) return;
  state.recorder = new Recorder({
    db: () => {
      const db = historyDb();
      if (!db) throw new Error(dbError() ?? 'the history store is not available');
      return db;
    },
    settings: config.history,
    onEvent: (e) => notify(fromHistory(e)),
  });
  const recorder = state.recorder;
  state.unsubscribe = foldIntoSnapshots((s) => recorder.record(s));
}

export function historyHealth(): RecorderHealth | undefined {
  return state.recorder?.health();
}


import { getConfig, type Config } from '../config';
import { dbError, withSchema, type Db } from '../db';
import { foldIntoSnapshots } from '../snapshot-store';
import { Notifier } from './notify';
import type { RebuildRunInfo } from './notify-format';
import { Recorder, type RecorderHealth } from './recorder';
import { HISTORY_DDL } from './schema';
import { processState } from '../process-state';

interface HistoryState {
  recorder?: Recorder;
  notifier?: Notifier;
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
  const notifier = (state.notifier = new Notifier(config.notifications));
  state.recorder = new Recorder({
    db: () => {
      const db = historyDb();
      if (!db) throw new Error(dbError() ?? 'the history store is not available');
      return db;
    },
    settings: config.history,
    onEvent: (e) => notifier.notify(e),
  });
  const recorder = state.recorder;
  state.unsubscribe = foldIntoSnapshots((s) => recorder.record(s));
}

export function historyHealth(): RecorderHealth | undefined {
  return state.recorder?.health();
}

/**
 * Tell the webhooks that a rebuild finished or failed. Called by the rebuild runner once per run;
 * a run id is only ever announced once.
 */
export function notifyRebuild(run: RebuildRunInfo): void {
  state.notifier ??= new Notifier(getConfig().notifications);
  state.notifier.notify({ type: 'rebuild', run, at: run.endedAt ?? Date.now() });
}

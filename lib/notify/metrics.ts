import { decisionCounts } from './event-log';
import { alertEngine } from './index';
import { queueCounts } from './queue-admin';

/** The alerting's figures for /api/metrics; undefined when it is not running. */
export function alertMetrics(): { decisions: Record<string, number>; queue: Record<string, Record<string, number>> } | undefined {
  const engine = alertEngine();
  if (!engine) return undefined;
  try {
    return { decisions: decisionCounts(engine.rt.db), queue: queueCounts(engine.rt.db) };
  } catch {
    return undefined;
  }
}

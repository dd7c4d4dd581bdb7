import { quietMarks } from './event-log';
import { alertEngine } from './index';

/** For history pages: which incidents began inside a maintenance window or a silence, and which. */
export function incidentMarks(ids: readonly (string | number)[]): Map<string, string> {
  const engine = alertEngine();
  if (!engine || ids.length === 0) return new Map();
  try {
    return quietMarks(engine.rt.db, ids);
  } catch {
    return new Map();
  }
}

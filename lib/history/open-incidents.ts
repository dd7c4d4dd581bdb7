import { withSchema } from '../db';
import { openServiceIncidents } from './queries';
import { HISTORY_DDL } from './schema';

/** Services down right now, from their open incidents; empty when the store is unavailable. */
export function openIncidents(): ReturnType<typeof openServiceIncidents> {
  const db = withSchema('history', HISTORY_DDL);
  if (!db) return [];
  try {
    return openServiceIncidents(db);
  } catch {
    return [];
  }
}

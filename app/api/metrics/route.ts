import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/lib/config';
import { getDb } from '@/lib/db';
import { historyHealth } from '@/lib/history';
import { jsonError } from '@/lib/http-errors';
import { lastFinishedPerTarget } from '@/lib/jobs';
import { renderMetrics } from '@/lib/metrics/render';
import { alertMetrics } from '@/lib/notify/metrics';
import { getSnapshot } from '@/lib/snapshot-store';
import { noStore } from '@/lib/no-store';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compare digests, so neither the content nor the length of the token leaks through timing. */
function authorised(req: Request): boolean {
  const token = process.env.DASHBOARD_METRICS_TOKEN;
  if (!token) return true;
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '');
  return timingSafeEqual(digest(m?.[1]?.trim() ?? ''), digest(token)) && Boolean(m);
}

function fileBytes(): number | null {
  try {
    const base = path.join(dataDir(), 'dashboard.sqlite');
    return ['', '-wal'].reduce((n, ext) => n + (fs.statSync(base + ext, { throwIfNoEntry: false })?.size ?? 0), 0);
  } catch {
    return null;
  }
}

export async function GET(req: Request) {
  if (!authorised(req)) {
    return jsonError(401, 'unauthenticated', 'A bearer token is required for /api/metrics.', { headers: { 'www-authenticate': 'Bearer' } });
  }
  try {
    const { snapshot } = await getSnapshot();
    const db = getDb();
    const body = renderMetrics({ snapshot, history: historyHealth(), storeOpen: db !== null, dbBytes: fileBytes(), rebuilds: lastFinishedPerTarget('rebuild'), alerts: alertMetrics() });
    return new Response(body, { headers: noStore({ 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }) });
  } catch (e) {
    console.error('metrics failed', e);
    return jsonError(503, 'metrics_unavailable', 'The metrics could not be gathered; see the dashboard log.');
  }
}

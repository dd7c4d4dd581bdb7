import type { NextRequest } from 'next/server';
import { jsonError } from '@/lib/http-errors';
import { noStore } from '@/lib/no-store';

// The framework's floor for `npm run bench`: a route handler with a constant body of a chosen
// size and no work at all. It exists only when the server runs with DASHBOARD_BENCH=1.
const bodies = new Map<number, string>();
const mb = (b: number) => Math.round(b / 1e5) / 10;

export function GET(req: NextRequest) {
  if (process.env.DASHBOARD_BENCH !== '1') return jsonError(404, 'not_found', 'No such route.');
  if (req.nextUrl.searchParams.has('memory')) {
    // The soak and the bench tell a leak from heap headroom by the heap after a full collection.
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    return Response.json({ rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), collected: typeof (globalThis as { gc?: unknown }).gc === 'function' });
  }
  const bytes = Number(req.nextUrl.searchParams.get('bytes') ?? '1024');
  if (!Number.isInteger(bytes) || bytes < 2 || bytes > 1024 * 1024) return jsonError(400, 'bad_size', 'bytes must be an integer from 2 to 1048576.');
  let body = bodies.get(bytes);
  if (!body) {
    if (bodies.size > 16) bodies.clear();
    body = `"${'x'.repeat(bytes - 2)}"`;
    bodies.set(bytes, body);
  }
  return new Response(body, { headers: noStore({ 'content-type': 'application/json; charset=utf-8' }) });
}

import { jsonError } from '@/lib/http-errors';
import { runIdRe } from '@/lib/rebuild/log-file';
import { getRun } from '@/lib/rebuild/runner';
import { noStore } from '@/lib/no-store';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const run = runIdRe.test(id) ? getRun(id) : undefined;
  if (!run) return jsonError(404, 'not_found', `no rebuild run "${id.slice(0, 40)}"`);
  return Response.json(run, { headers: noStore() });
}

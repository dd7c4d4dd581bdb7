import { requireMutation } from '@/lib/auth';
import { jsonError } from '@/lib/http-errors';
import { runIdRe } from '@/lib/rebuild/log-file';
import { cancelRun, getRun } from '@/lib/rebuild/runner';
import { noStore } from '@/lib/no-store';

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = requireMutation(req);
  if (denied) return denied;
  const { id } = await params;
  const run = runIdRe.test(id) ? getRun(id) : undefined;
  if (!run) return jsonError(404, 'not_found', 'no such rebuild run');
  if (cancelRun(id) === 'not-running') return jsonError(409, 'not_running', `this run is not running (it ${run.outcome === 'running' ? 'is finishing' : `ended: ${run.outcome}`})`);
  return Response.json({ id, cancelling: true }, { status: 202, headers: noStore() });
}

import { requireMutation } from '@/lib/auth';
import { jsonError } from '@/lib/http-errors';
import { cancelJob, getJob, jobIdRe } from '@/lib/jobs';
import { noStore } from '@/lib/no-store';

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = requireMutation(req);
  if (denied) return denied;
  const { id } = await params;
  const job = jobIdRe.test(id) ? await getJob(id) : undefined;
  if (!job) return jsonError(404, 'not_found', 'no such rebuild run');
  if ((await cancelJob(id)) === 'not-running') {
    const now = (await getJob(id)) ?? job;
    return jsonError(409, 'not_running', `this run is not running (it ${now.outcome === 'running' ? 'is finishing' : `ended: ${now.outcome}`})`);
  }
  return Response.json({ id, cancelling: true }, { status: 202, headers: noStore() });
}

import { hasSession } from '@/lib/auth';
import { jsonError } from '@/lib/http-errors';
import { jobIdRe } from '@/lib/jobs';
import { getRun } from '@/lib/rebuild/runs';
import { noStore } from '@/lib/no-store';

/** Any job by id (a rebuild today); who started it only for a signed-in admin. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const run = jobIdRe.test(id) ? await getRun(id, hasSession(req)) : undefined;
  if (!run) return jsonError(404, 'not_found', `no rebuild run "${id.slice(0, 40)}"`);
  return Response.json(run, { headers: noStore() });
}

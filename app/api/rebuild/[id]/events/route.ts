import { hasSession } from '@/lib/auth';
import { jsonError } from '@/lib/http-errors';
import { getJob, jobEventSource, jobIdRe, publicJob } from '@/lib/jobs';
import { sseResponse } from '@/lib/sse';


/**
 * Server-Sent Events: the run's state, the log so far (from disk, after Last-Event-ID), then live
 * lines until the run ends. Event ids are log line numbers, so a reconnect resumes where it stopped.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const job = jobIdRe.test(id) ? await getJob(id) : undefined;
  if (!job) return jsonError(404, 'not_found', 'no such rebuild run');
  const admin = hasSession(req);
  return sseResponse(req, jobEventSource(job, (j) => publicJob(j, admin)));
}

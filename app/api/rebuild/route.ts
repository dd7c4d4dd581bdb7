import { z } from 'zod';
import { clientAddress, requireMutation } from '@/lib/auth';
import { jsonError } from '@/lib/http-errors';
import { readJsonBody } from '@/lib/request-body';
import { currentRunId, listRuns, startRun } from '@/lib/rebuild/runner';
import { storeProblem } from '@/lib/rebuild/store';
import { rebuildModes } from '@/lib/rebuild/types';
import { noStore } from '@/lib/no-store';

const bodySchema = z
  .object({
    target: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/).default('mini-vm'),
    mode: z.enum(rebuildModes).default('switch'),
  })
  .strict();

export async function GET() {
  return Response.json(
    { current: currentRunId(), runs: listRuns(), historyProblem: storeProblem() ?? null },
    { headers: noStore() },
  );
}

export async function POST(req: Request) {
  const denied = requireMutation(req);
  if (denied) return denied;
  const body = await readJsonBody(req, bodySchema);
  if ('error' in body) return body.error;
  const r = startRun(body.data.target, body.data.mode, clientAddress(req));
  if (r.status === 'busy') return jsonError(409, 'busy', 'a rebuild is already running; attach to it', { fields: { id: r.id } });
  if (r.status === 'unavailable') return jsonError(r.http, 'rebuild_unavailable', r.message);
  return Response.json({ id: r.id }, { status: 202, headers: noStore({ location: `/rebuilds/${r.id}` }) });
}

import { z } from 'zod';
import { clientAddress, hasSession, requireMutation } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { jsonError } from '@/lib/http-errors';
import { storeProblem } from '@/lib/jobs';
import { readJsonBody } from '@/lib/request-body';
import { currentRun, listRuns } from '@/lib/rebuild/runs';
import { rebuildContext, startRebuild } from '@/lib/rebuild/start';
import { rebuildModes } from '@/lib/rebuild/types';
import { noStore } from '@/lib/no-store';

const bodySchema = z
  .object({
    target: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/).default('mini-vm'),
    mode: z.enum(rebuildModes).default('switch'),
    // The page's second confirmation, required of every client alike.
    confirm: z.literal('rollback').optional(),
  })
  .strict()
  .refine((b) => b.mode !== 'rollback' || b.confirm === 'rollback', { path: ['confirm'], message: 'a rollback must be confirmed: send "confirm": "rollback" with it' });

export async function GET(req: Request) {
  const current = await currentRun();
  return Response.json(
    { current: current?.id ?? null, currentOutcome: current?.outcome ?? null, runs: await listRuns(hasSession(req)), historyProblem: storeProblem() ?? null },
    { headers: noStore() },
  );
}

export async function POST(req: Request) {
  const denied = requireMutation(req);
  if (denied) return denied;
  const body = await readJsonBody(req, bodySchema);
  if ('error' in body) return body.error;
  const r = await startRebuild(rebuildContext(getConfig()), body.data.target, body.data.mode, clientAddress(req));
  if (r.status === 'busy') return jsonError(409, 'busy', r.message, { fields: { id: r.id } });
  if (r.status === 'unavailable') return jsonError(r.http, 'rebuild_unavailable', r.message);
  return Response.json({ id: r.id }, { status: 202, headers: noStore({ location: `/rebuilds/${r.id}` }) });
}

import { z } from 'zod';
import { requireMutation } from '@/lib/auth';
import { noStore } from '@/lib/no-store';
import { sendTest } from '@/lib/notify/actions';
import { actionError, engineOr503 } from '@/lib/notify/route-helpers';
import { readJsonBody } from '@/lib/request-body';

const bodySchema = z.object({ notifier: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/) }).strict();

/** Send a test message through one configured notifier and answer with how its first attempt went. */
export async function POST(req: Request) {
  const denied = requireMutation(req);
  if (denied) return denied;
  const body = await readJsonBody(req, bodySchema);
  if ('error' in body) return body.error;
  const e = engineOr503();
  if ('error' in e) return e.error;
  const r = await sendTest(e.engine, body.data.notifier);
  if (!r.ok) return actionError(r);
  const { id, state, attempts, result, resultCode, nextAt } = r.value;
  return Response.json({ id, state, attempts, result, resultCode, nextAt: state === 'pending' ? nextAt : null }, { headers: noStore() });
}

import { requireMutation } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { noStore } from '@/lib/no-store';
import { silence } from '@/lib/notify/actions';
import { actionError, engineOr503 } from '@/lib/notify/route-helpers';
import { silenceRequestSchema } from '@/lib/notify/silences';
import { readJsonBody } from '@/lib/request-body';

/** Silence a configured service or machine for 1 h, 4 h or until it recovers, with a reason. */
export async function POST(req: Request) {
  const denied = requireMutation(req);
  if (denied) return denied;
  const body = await readJsonBody(req, silenceRequestSchema);
  if ('error' in body) return body.error;
  const e = engineOr503();
  if ('error' in e) return e.error;
  const r = silence(e.engine, getConfig(), body.data);
  if (!r.ok) return actionError(r);
  return Response.json({ silence: r.value }, { status: 201, headers: noStore() });
}

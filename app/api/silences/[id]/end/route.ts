import { requireMutation } from '@/lib/auth';
import { jsonError } from '@/lib/http-errors';
import { noStore } from '@/lib/no-store';
import { endSilence } from '@/lib/notify/actions';
import { actionError, engineOr503 } from '@/lib/notify/route-helpers';

/** End a silence before its time. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = requireMutation(req);
  if (denied) return denied;
  const { id } = await params;
  if (!/^[0-9a-f]{12}$/.test(id)) return jsonError(404, 'not_found', 'no such silence');
  const e = engineOr503();
  if ('error' in e) return e.error;
  const r = endSilence(e.engine, id);
  if (!r.ok) return actionError(r);
  return Response.json({ silence: r.value }, { headers: noStore() });
}

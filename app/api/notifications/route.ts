import { requireSession } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { noStore } from '@/lib/no-store';
import { alertEngine } from '@/lib/notify';
import { notificationsData } from '@/lib/notify/page-data';

// What was sent, queued, failed and kept quiet: for a signed-in admin only.
export async function GET(req: Request) {
  const denied = requireSession(req);
  if (denied) return denied;
  return Response.json(notificationsData(alertEngine(), getConfig()), { headers: noStore() });
}

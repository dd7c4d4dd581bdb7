import { noStore } from '@/lib/no-store';

/** The dashboard's own liveness: answers without probing anything. */
export function GET() {
  return Response.json({ ok: true, uptimeS: Math.round(process.uptime()) }, { headers: noStore() });
}

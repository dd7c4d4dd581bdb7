import { getSnapshot } from '@/lib/snapshot-store';
import { jsonError } from '@/lib/http-errors';
import { noStore } from '@/lib/no-store';

export async function GET() {
  try {
    const { json } = await getSnapshot();
    return new Response(json, { headers: noStore({ 'content-type': 'application/json; charset=utf-8' }) });
  } catch (e) {
    console.error('status snapshot failed', e);
    return jsonError(503, 'status_unavailable', 'The status could not be gathered; see the dashboard log.');
  }
}

import { networkMessage } from '../probe-sentence';
import type { PathStatus } from '../types';
import { joinUrl, snippet } from './result';
import { httpGet, tryJson } from './http';

type Upstreams = Pick<PathStatus, 'upstreams' | 'upstreamsError'>;

/** Parse GET /reverse_proxy/upstreams; `healthy` is ignored, it is never set in current Caddy. */
export function parseUpstreams(body: string): Upstreams {
  const data = tryJson(body);
  if (!Array.isArray(data)) return { upstreamsError: `not the upstream list Caddy sends: ${snippet(body, 40) || 'empty'}` };
  const upstreams = data
    .filter((u): u is Record<string, unknown> => typeof u === 'object' && u !== null && typeof (u as { address?: unknown }).address === 'string')
    .slice(0, 20)
    .map((u) => ({
      address: String(u.address).slice(0, 120),
      numRequests: Number.isFinite(u.num_requests) ? Number(u.num_requests) : 0,
      fails: Number.isFinite(u.fails) ? Number(u.fails) : 0,
    }));
  return { upstreams };
}

/** Read one hop's Caddy upstreams; a failure is described, never thrown. */
export async function readUpstreams(admin: string, timeoutMs: number): Promise<Upstreams> {
  const r = await httpGet(joinUrl(admin, '/reverse_proxy/upstreams'), { timeoutMs, maxBytes: 64 * 1024 });
  if (!r.ok) return { upstreamsError: `Caddy admin API: ${networkMessage(r.failure)}` };
  if (r.status !== 200) return { upstreamsError: `Caddy admin API answered HTTP ${r.status}` };
  if (r.truncated) return { upstreamsError: 'Caddy admin API sent more than 64 KB' };
  return parseUpstreams(r.body);
}

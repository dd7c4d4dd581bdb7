import { networkMessage } from '../probe-sentence';
import { httpGet, tryJson } from '../probes/http';
import { joinUrl, snippet } from '../probes/result';

interface Session {
  UserName?: unknown;
  NowPlayingItem?: { Name?: unknown; SeriesName?: unknown } | null;
  TranscodingInfo?: unknown;
}

/**
 * With an API key, say what Jellyfin is doing: how many people are watching what. The key goes
 * in the Authorization header Jellyfin documents for API keys (reference/jellyfin.md §2).
 */
export async function jellyfinActivity(url: string, apiKey: string, timeoutMs: number): Promise<string> {
  const r = await httpGet(joinUrl(url, '/Sessions?activeWithinSeconds=960'), {
    timeoutMs,
    maxBytes: 512 * 1024,
    headers: { authorization: `MediaBrowser Client="mini-vm-dashboard", Device="mac-mini", DeviceId="mini-vm-dashboard", Version="0.1.0", Token="${apiKey}"` },
  });
  if (!r.ok) return `activity unavailable: ${networkMessage(r.failure)}`;
  if (r.status === 401 || r.status === 403) return 'activity unavailable: the API key was rejected';
  if (r.status !== 200) return `activity unavailable: HTTP ${r.status}`;
  const sessions = tryJson(r.body);
  if (!Array.isArray(sessions)) return 'activity unavailable: unexpected answer from /Sessions';
  const playing = (sessions as Session[]).filter((s) => s && typeof s === 'object' && s.NowPlayingItem);
  if (playing.length === 0) return `nothing playing, ${sessions.length} active session${sessions.length === 1 ? '' : 's'}`;
  const titles = playing
    .slice(0, 2)
    .map((s) => {
      const item = s.NowPlayingItem!;
      const name = typeof item.Name === 'string' ? item.Name : 'something';
      return snippet(typeof item.SeriesName === 'string' ? `${item.SeriesName}: ${name}` : name, 40);
    })
    .join(', ');
  const transcoding = playing.filter((s) => s.TranscodingInfo).length;
  return `${playing.length} playing (${titles}${playing.length > 2 ? ', …' : ''})${transcoding ? `, ${transcoding} transcoding` : ''}`;
}

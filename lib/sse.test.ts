import { describe, expect, it } from 'vitest';
import { closeAllStreams, frame, lastEventId, sseResponse, sseStats, type SseEvent, type SseSource } from './sse';

/** A source with stored events 1..n, and live ones the test pushes. */
function source(stored: number, live = true) {
  let push: ((e: SseEvent) => void) | null = null;
  const src: SseSource = {
    open: () => [{ event: 'state', data: { n: stored } }],
    subscribe: (p) => {
      if (!live) return null;
      push = p;
      return () => (push = null);
    },
    async replay(after, p) {
      for (let i = after + 1; i <= stored; i++) p({ id: i, event: 'line', data: { i } });
    },
    final: () => ({ event: 'end', data: {} }),
    isLast: (e) => e.event === 'end',
  };
  return { src, push: (e: SseEvent) => push?.(e), subscribed: () => push !== null };
}

const request = (headers: Record<string, string> = {}, url = 'http://x/events') => new Request(url, { headers });

async function readAll(r: Response): Promise<string> {
  return new Response(r.body).text();
}

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 5));
};

describe('event streams', () => {
  it('frames events, replays after Last-Event-ID, and ends a source that is no longer live', async () => {
    const { src } = source(4, false);
    const text = await readAll(sseResponse(request({ 'last-event-id': '2' }), src));
    expect(text).toBe(`retry: 2000\n\n${frame({ event: 'state', data: { n: 4 } })}id: 3\nevent: line\ndata: {"i":3}\n\nid: 4\nevent: line\ndata: {"i":4}\n\nevent: end\ndata: {}\n\n`);
    expect(lastEventId(request({}, 'http://x/events?after=7'))).toBe(7);
    expect(lastEventId(request({ 'last-event-id': 'garbage' }))).toBe(0);
  });

  it('holds live events during the replay and sends none twice', async () => {
    const s = source(3);
    const res = sseResponse(request(), s.src);
    const reader = res.body!.getReader();
    await until(s.subscribed);
    s.push({ id: 3, event: 'line', data: { i: 3 } }); // also in the replay
    s.push({ id: 4, event: 'line', data: { i: 4 } });
    s.push({ event: 'end', data: {} });
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => m[1])).toEqual(['1', '2', '3', '4']);
    expect(text.endsWith('event: end\ndata: {}\n\n')).toBe(true);
    expect(s.subscribed()).toBe(false);
  });

  it('lets go of a client that stops reading once the bound is reached, saying why', async () => {
    const s = source(0);
    const res = sseResponse(request(), s.src, { maxQueuedBytes: 4096, drainMs: 60_000 });
    await until(s.subscribed);
    const line = 'x'.repeat(200);
    for (let i = 1; i <= 100 && s.subscribed(); i++) s.push({ id: i, event: 'line', data: line });
    expect(s.subscribed()).toBe(false);
    const text = await readAll(res);
    expect(text.length).toBeLessThan(4096 + 1024);
    const last = text.trimEnd().split('\n\n').at(-1)!;
    expect(last).toMatch(/^event: closing\ndata: /);
    const data = JSON.parse(last.split('data: ')[1]);
    expect(data).toMatchObject({ reason: 'too-far-behind' });
    expect(data.lastEventId).toBe(Number([...text.matchAll(/^id: (\d+)$/gm)].at(-1)![1]));
  });

  it('drops a client that does not read even the end', async () => {
    const s = source(0);
    const res = sseResponse(request(), s.src, { maxQueuedBytes: 1024, drainMs: 50 });
    await until(s.subscribed);
    const before = sseStats().dropped;
    for (let i = 1; i <= 50; i++) s.push({ id: i, event: 'line', data: 'y'.repeat(100) });
    await until(() => sseStats().dropped > before);
    await expect(readAll(res)).rejects.toThrow(/did not read/);
  });

  it('on shutdown every open stream ends with a closing event', async () => {
    const a = source(1);
    const b = source(1);
    const ra = sseResponse(request(), a.src);
    const rb = sseResponse(request(), b.src);
    await until(() => a.subscribed() && b.subscribed());
    expect(sseStats().open).toBe(2);
    expect(closeAllStreams('server-stopping')).toBe(2);
    for (const r of [ra, rb]) expect(await readAll(r)).toMatch(/event: closing\ndata: \{"reason":"server-stopping",.*"lastEventId":1\}\n\n$/);
    expect(sseStats().open).toBe(0);
  });

  it('releases its subscription when the client goes away', async () => {
    const s = source(0);
    const ctl = new AbortController();
    const res = sseResponse(new Request('http://x/events', { signal: ctl.signal }), s.src);
    await until(s.subscribed);
    ctl.abort();
    expect(s.subscribed()).toBe(false);
    await res.body!.cancel();
  });
});

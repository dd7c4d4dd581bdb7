import { describe, expect, it } from 'vitest';
import { closeAllStreams, frame, lastEventId, sseResponse, sseStats, type SseEvent, type SseSource } from './index';

/**
 * A source with stored events 1..n, and live ones the test pushes. As the contract asks, a live
 * event with an id is stored before it is pushed (append), so a replay can find it again.
 */
function source(stored: number, live = true, replayPause = 0) {
  let push: ((e: SseEvent) => void) | null = null;
  const store: SseEvent[] = Array.from({ length: stored }, (_, k) => ({ id: k + 1, event: 'line', data: { i: k + 1 } }));
  const state = { replays: 0, replayed: false, stoppedEarly: false };
  const src: SseSource = {
    open: () => [{ event: 'state', data: { n: stored } }],
    subscribe: (p) => {
      if (!live) return null;
      push = p;
      return () => (push = null);
    },
    async *replay(after, signal) {
      state.replays += 1;
      try {
        for (const e of store) {
          if (signal.aborted) return;
          if (e.id! <= after) continue;
          if (replayPause) await new Promise((r) => setTimeout(r, replayPause));
          yield e;
        }
        state.replayed = true;
      } finally {
        if (!state.replayed) state.stoppedEarly = true;
      }
    },
    final: () => ({ event: 'end', data: {} }),
    isLast: (e) => e.event === 'end',
  };
  const append = (e: SseEvent) => {
    if (e.id !== undefined && e.id > (store.at(-1)?.id ?? 0)) store.push(e);
    push?.(e);
  };
  return { src, push: append, subscribed: () => push !== null, state };
}

const request = (headers: Record<string, string> = {}, url = 'http://x/events') => new Request(url, { headers });

async function readAll(r: Response): Promise<string> {
  return new Response(r.body).text();
}

// Looks after a timer at least once, so whatever the awaited state sets off in microtasks is done.
const until = async (ok: () => boolean) => {
  do await new Promise((r) => setTimeout(r, 5));
  while (!ok());
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
    await until(() => s.state.replayed);
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
    await until(() => s.state.replayed);
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

  it('serves a reading client from the store when live events outrun its replay, and never lets it go', async () => {
    const s = source(200, true, 1);
    const res = sseResponse(request(), s.src, { maxQueuedBytes: 4096 });
    await until(s.subscribed);
    // Far more than the bound arrives while the replay is still going.
    for (let i = 201; i <= 400; i++) s.push({ id: i, event: 'line', data: 'z'.repeat(100) });
    s.push({ event: 'state', data: { n: 400 } });
    s.push({ event: 'end', data: {} });
    const text = await readAll(res);
    expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 400 }, (_, k) => k + 1));
    expect(text).not.toContain('event: closing');
    expect(s.state.replays).toBeGreaterThan(1);
    // The last state and the end, which the store does not keep, still arrive, in that order.
    expect(text.endsWith('event: state\ndata: {"n":400}\n\nevent: end\ndata: {}\n\n')).toBe(true);
  });

  it('sends a replay larger than the bound as fast as the client reads it', async () => {
    const s = source(500, false);
    const text = await readAll(sseResponse(request(), s.src, { maxQueuedBytes: 2048 }));
    expect([...text.matchAll(/^id: (\d+)$/gm)]).toHaveLength(500);
    expect(text).not.toContain('event: closing');
  });

  it('stops replaying when the client goes away mid-replay', async () => {
    const s = source(10_000, true, 1);
    const ctl = new AbortController();
    const res = sseResponse(new Request('http://x/events', { signal: ctl.signal }), s.src);
    await until(() => s.state.replays === 1);
    ctl.abort();
    await until(() => s.state.stoppedEarly);
    expect(s.state.replayed).toBe(false);
    await res.body!.cancel();
  });
});

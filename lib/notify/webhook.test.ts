import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Notifier, type Target } from './webhook';

const down = { type: 'down' as const, incidentId: 7, service: 'jellyfin', name: 'Jellyfin', at: Date.UTC(2026, 0, 1), reason: 'connection refused' };
const target = (over: Partial<Target> = {}): Target => ({ kind: 'json', url: 'http://127.0.0.1:9/hook', timeoutMs: 1000, retries: 3, ...over });

function fakeFetch(statuses: (number | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const s = statuses[Math.min(calls.length - 1, statuses.length - 1)];
    if (s instanceof Error) throw s;
    return new Response('', { status: s });
  }) as unknown as typeof fetch;
  return { fn, calls };
}

describe('retries', () => {
  it('retries failures with doubling backoff and stops at the first success', async () => {
    const f = fakeFetch([new Error('ECONNREFUSED'), 503, 200]);
    const waits: number[] = [];
    const n = new Notifier([target()], { fetch: f.fn, sleep: async (ms) => void waits.push(ms), backoffMs: 500, log: () => {} });
    n.notify(down);
    await n.idle();
    expect(f.calls).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
    expect(n.deliveries).toEqual([{ target: 'http://127.0.0.1:9/hook', key: 'incident:7:open', ok: true, attempts: 3 }]);
  });

  it('gives up after 1 + retries attempts, and does not retry a 4xx', async () => {
    const f = fakeFetch([500]);
    const logs: string[] = [];
    const n = new Notifier([target({ retries: 2 })], { fetch: f.fn, sleep: async () => {}, log: (m) => logs.push(m) });
    n.notify(down);
    await n.idle();
    expect(f.calls).toHaveLength(3);
    expect(n.deliveries[0]).toMatchObject({ ok: false, attempts: 3, error: 'HTTP 500' });
    expect(logs[0]).toMatch(/failed after 3 attempt/);

    const g = fakeFetch([404]);
    const m = new Notifier([target()], { fetch: g.fn, sleep: async () => {}, log: () => {} });
    m.notify(down);
    await m.idle();
    expect(g.calls).toHaveLength(1);
  });

  it('never blocks the caller', () => {
    const n = new Notifier([target()], { fetch: (() => new Promise(() => {})) as unknown as typeof fetch });
    const t = performance.now();
    expect(n.notify(down)).toBe(true);
    expect(performance.now() - t).toBeLessThan(50);
  });
});

describe('de-duplication', () => {
  it('sends each incident opening, closing and rebuild once', async () => {
    const f = fakeFetch([200]);
    const n = new Notifier([target()], { fetch: f.fn, sleep: async () => {} });
    expect(n.notify(down)).toBe(true);
    expect(n.notify({ ...down, at: down.at + 5 })).toBe(false);
    expect(n.notify({ type: 'recovered', incidentId: 7, service: 'jellyfin', name: 'Jellyfin', at: down.at + 60_000, durationMs: 60_000 })).toBe(true);
    const run = { id: 'r1', target: 'mini-vm', mode: 'switch', outcome: 'failed', exitCode: 1, durationMs: 90_000 };
    expect(n.notify({ type: 'rebuild', run, at: 1 })).toBe(true);
    expect(n.notify({ type: 'rebuild', run, at: 2 })).toBe(false);
    await n.idle();
    expect(f.calls).toHaveLength(3);
  });
});

describe('delivery to a real loopback webhook', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  async function listen(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void) {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => handler(req, body, res));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  it('posts JSON with the bearer token, and ntfy text with a title header', async () => {
    const got: { path?: string; auth?: string; type?: string; title?: string; body: string }[] = [];
    const base = await listen((req, body, res) => {
      got.push({ path: req.url, auth: req.headers.authorization, type: req.headers['content-type'], title: req.headers.title as string, body });
      res.end('ok');
    });
    const n = new Notifier(
      [target({ url: `${base}/json`, tokenEnv: 'HOOK_TOKEN' }), target({ kind: 'ntfy', url: `${base}/homelab` })],
      { env: { HOOK_TOKEN: 's3cret' } as unknown as NodeJS.ProcessEnv },
    );
    n.notify({ type: 'recovered', incidentId: 3, service: 'synapse', name: 'Matrix Synapse', at: Date.UTC(2026, 0, 1), durationMs: 125_000 });
    await n.idle();
    const json = got.find((g) => g.path === '/json')!;
    expect(json.auth).toBe('Bearer s3cret');
    expect(JSON.parse(json.body)).toMatchObject({ type: 'recovered', service: 'synapse', durationMs: 125_000, key: 'incident:3:close', title: 'Matrix Synapse recovered', text: 'It was down for 2 min 5 s.' });
    const ntfy = got.find((g) => g.path === '/homelab')!;
    expect(ntfy).toMatchObject({ title: 'Matrix Synapse recovered', body: 'It was down for 2 min 5 s.', auth: undefined });
  });

  it('times out a webhook that never answers, then retries', async () => {
    let hits = 0;
    const base = await listen(() => void hits++);
    const n = new Notifier([target({ url: base, timeoutMs: 100, retries: 1 })], { backoffMs: 10, log: () => {} });
    n.notify(down);
    await n.idle();
    expect(hits).toBe(2);
    expect(n.deliveries[0]).toMatchObject({ ok: false, attempts: 2, error: 'no answer within 100 ms' });
    server!.closeAllConnections();
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { notificationsSchema } from '../config/schema/notifications';
import type { WebhookNotifierConfig } from '../config';
import type { AlertEvent } from './events';
import { renderAlert } from './messages';
import { ntfyStyle, webhookChannel, webhookResult } from './webhook';

const at = Date.UTC(2026, 0, 1);
const down: AlertEvent = { type: 'down', incidentId: 7, service: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm', at, reason: 'connection refused' };
const recovered: AlertEvent = { type: 'recovered', incidentId: 3, service: 'synapse', name: 'Matrix Synapse', machine: 'mini-vm', at, downForMs: 125_000 };
const target = (over: Record<string, unknown>) => notificationsSchema.parse([{ kind: 'json', url: 'http://127.0.0.1:9/hook', timeoutMs: 1000, ...over }])[0] as WebhookNotifierConfig;

let server: http.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? (server.closeAllConnections(), server.close(() => r())) : r())));

async function listen(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void) {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('what an answer means', () => {
  it('2xx delivered; no answer, 408, 429 and 5xx are retried; other answers are final', () => {
    expect(webhookResult({ ok: true, status: 204, body: '', ms: 1 })).toEqual({ ok: true });
    expect(webhookResult({ ok: false, error: 'refused', message: 'connection refused', ms: 1 })).toMatchObject({ ok: false, retryable: true, code: 'refused' });
    expect(webhookResult({ ok: true, status: 503, body: '', ms: 1 })).toMatchObject({ retryable: true, message: 'the server answered HTTP 503' });
    expect(webhookResult({ ok: true, status: 429, body: '', retryAfter: '30', ms: 1 })).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
    expect(webhookResult({ ok: true, status: 404, body: '', ms: 1 })).toMatchObject({ retryable: false });
    expect(webhookResult({ ok: true, status: 302, body: '', ms: 1 }).ok).toBe(false);
    expect(webhookResult({ ok: false, error: 'blocked', message: 'not contacted: 10.0.0.1 is not loopback', ms: 0 })).toMatchObject({ retryable: false });
  });

  it('ntfy priority and tags: an outage is loud, a recovery is not', () => {
    expect(ntfyStyle(down)).toEqual({ priority: 4, tags: ['rotating_light', 'jellyfin'] });
    expect(ntfyStyle(recovered)).toEqual({ priority: 3, tags: ['white_check_mark', 'synapse'] });
  });
});

describe('delivery to a real loopback webhook', () => {
  it('posts JSON with the bearer token, and ntfy text with a title header and no token it was not given', async () => {
    const got: { path?: string; auth?: string; type?: string; title?: string; priority?: string; body: string }[] = [];
    const base = await listen((req, body, res) => {
      got.push({ path: req.url, auth: req.headers.authorization, type: req.headers['content-type'], title: req.headers.title as string, priority: req.headers.priority as string, body });
      res.end('ok');
    });
    const env = { HOOK_TOKEN: 's3cret' };
    const json = webhookChannel(target({ url: `${base}/json`, tokenEnv: 'HOOK_TOKEN' }), { env });
    const ntfy = webhookChannel(target({ kind: 'ntfy', url: `${base}/homelab` }), { env });
    expect(await json.send(renderAlert(recovered), recovered, 'recovered:3')).toEqual({ ok: true });
    expect(await ntfy.send(renderAlert(recovered), recovered, 'recovered:3')).toEqual({ ok: true });
    const j = got.find((g) => g.path === '/json')!;
    expect(j.auth).toBe('Bearer s3cret');
    expect(JSON.parse(j.body)).toMatchObject({ type: 'recovered', service: 'synapse', downForMs: 125_000, key: 'recovered:3', title: 'Matrix Synapse recovered', text: 'Matrix Synapse is back, after 2 min 5 s down.' });
    expect(got.find((g) => g.path === '/homelab')).toMatchObject({ title: 'Matrix Synapse recovered', priority: '3', body: 'Matrix Synapse is back, after 2 min 5 s down.', auth: undefined, type: 'text/plain; charset=utf-8' });
    // The page and the log name the host only: an ntfy topic in the path is as good as a password.
    expect(ntfy.where).toBe(`ntfy on ${base}`);
  });

  it('gives up an attempt that never gets an answer, and does not follow a redirect', async () => {
    const base = await listen((req, _b, res) => {
      if (req.url === '/moved') return res.writeHead(307, { location: '/elsewhere' }).end();
      // Never answers.
    });
    const hung = webhookChannel(target({ url: base, timeoutMs: 150 }), {});
    expect(await hung.send(renderAlert(down), down, 'down:7')).toMatchObject({ ok: false, code: 'timeout', retryable: true });
    const moved = webhookChannel(target({ url: `${base}/moved` }), {});
    expect(await moved.send(renderAlert(down), down, 'down:7')).toMatchObject({ ok: false, retryable: false, message: expect.stringContaining('redirect') });
  });
});

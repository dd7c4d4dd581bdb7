import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import './preload.mjs';
import { installPeerStamp, readLineRefusal, readPeer } from './peer';

// Like `next start`: the port is open and requests are accepted before the app's code (here,
// installPeerStamp) is loaded; each waits until then, and must be stamped all the same.
let ready: () => void = () => {};
const loaded = new Promise<void>((r) => (ready = r));
let arrived = 0;
let onArrival: () => void = () => {};
const server = http.createServer(async (req, res) => {
  arrived += 1;
  onArrival();
  await loaded;
  const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
  res.end(JSON.stringify({ peer: readPeer(headers), refusal: readLineRefusal(headers)?.code ?? null, url: req.url, method: req.method, host: req.headers.host }));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function get(path: string, opts: { method?: string; localAddress?: string; headers?: Record<string, string> } = {}): Promise<Record<string, string | null>> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent: false, ...opts }, (res) => {
      let body = '';
      res.on('data', (b) => (body += b)).on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject).end();
  });
}

describe('the peer stamp', () => {
  it('covers requests that arrived before it was installed, then every later one', async () => {
    const early = [get('/', { localAddress: '127.0.0.3' }), get('/api/status', { headers: { 'x-dashboard-peer': 'forged 8.8.8.8' } })];
    // Both are in: the server has seen their headers, and they wait for the app to load.
    await new Promise<void>((r) => {
      onArrival = () => {
        if (arrived === 2) r();
      };
      onArrival();
    });
    expect(installPeerStamp()).toBe(true);
    ready();
    expect(await Promise.all(early)).toMatchObject([{ peer: '127.0.0.3' }, { peer: '127.0.0.1', url: '/api/status' }]);
    expect(await get('/later', { localAddress: '127.0.0.4' })).toMatchObject({ peer: '127.0.0.4', refusal: null });
  });

  it('marks request lines the proxy must refuse, and takes an absolute-form host as the Host', async () => {
    expect(await get('/', { method: 'TRACE' })).toMatchObject({ refusal: 'method_not_allowed', method: 'GET' });
    expect(await get('/docs/%ff')).toMatchObject({ refusal: 'bad_request', url: '/docs/%25ff' });
    expect(await get('http://evil.example/api/status')).toMatchObject({ refusal: null, url: '/api/status', host: 'evil.example' });
    // A refusal mark sent by the client is not the server's.
    expect(await get('/', { headers: { 'x-dashboard-refusal': 'method TRACE' } })).toMatchObject({ refusal: null });
  });
});

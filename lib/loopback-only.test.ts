import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loopbackLookup, isLoopbackAddress, loopbackOnly, refuseHost } from './loopback-only';
import { httpGet } from './probes/http';

const on = { DASHBOARD_LOOPBACK_ONLY: '1' } as unknown as NodeJS.ProcessEnv;
const off = {} as NodeJS.ProcessEnv;

describe('net guard', () => {
  it('knows loopback from everything else', () => {
    for (const a of ['127.0.0.1', '127.255.0.9', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['169.254.1.144', '192.168.50.4', '10.0.0.1', '8.8.8.8', '::', '::ffff:192.168.1.1', 'fe80::1', 'localhost', '']) expect(isLoopbackAddress(a)).toBe(false);
  });
  it('refuses IP literals outside loopback only when switched on', () => {
    expect(refuseHost('169.254.1.144', on)).toMatch(/not a loopback address/);
    expect(refuseHost('[fe80::1]', on)).toMatch(/not a loopback/);
    expect(refuseHost('127.0.0.1', on)).toBeNull();
    expect(refuseHost('169.254.1.144', off)).toBeNull();
    expect(loopbackOnly(off)).toBe(false);
  });
  it('is on in the unit tests (vitest.config.ts)', () => {
    expect(loopbackOnly()).toBe(true);
  });
  it('lets localhost resolve and refuses a name that resolves elsewhere', async () => {
    const look = (name: string) => new Promise<{ err: string | null; addr: unknown }>((r) => loopbackLookup(name, {}, (err, addr) => r({ err: err?.code ?? null, addr })));
    const local = await look('localhost');
    expect(local.err).toBeNull();
    expect(isLoopbackAddress(String(local.addr))).toBe(true);
    // A numeric host resolves without DNS traffic; the guard still judges the answer.
    expect((await look('192.0.2.1')).err).toBe('ENOTLOOPBACK');
  });
  it('lets httpGet reach a loopback server by name through the guarded lookup', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const r = await httpGet(`http://localhost:${(server.address() as AddressInfo).port}/`, { timeoutMs: 2000 });
      expect(r.ok && r.body).toBe('ok');
    } finally {
      server.close();
    }
  });
  it('stops httpGet before it sends anything to a non-loopback address', async () => {
    const r = await httpGet('http://169.254.1.144:8096/health', { timeoutMs: 1000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.failure).toEqual({ cause: 'blocked', target: '169.254.1.144' });
  });
});

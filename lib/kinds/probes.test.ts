import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridge, jellyfin, synapse } from '../../demo/lab/services.mjs';
import { SimServer } from '../../demo/lab/sim-server.mjs';
import type { ProbeResult } from '../types';
import { probeJellyfin } from './jellyfin';
import { probeBridge } from './mautrix-bridge';
import { probeSynapse } from './synapse';

// Real loopback servers from the demo home lab, switched into each condition.
const sims: Record<string, SimServer> = {};

beforeAll(async () => {
  sims.jellyfin = await new SimServer('jellyfin', jellyfin(() => sims.jellyfin.port)).start();
  sims.synapse = await new SimServer('synapse', synapse()).start();
  sims.bridge = await new SimServer('bridge', bridge()).start();
});
afterAll(async () => {
  await Promise.all(Object.values(sims).map((s) => s.stop()));
});

const T = 400;
const probes = {
  jellyfin: () => probeJellyfin(sims.jellyfin.url, T),
  synapse: () => probeSynapse(sims.synapse.url, T),
  bridge: () => probeBridge(sims.bridge.url, T),
};

type Case = [keyof typeof probes, string, string, Partial<ProbeResult>];
const cases: Case[] = [
  ['jellyfin', 'up', 'up', { cause: 'healthy', serverName: 'mini-vm' }],
  ['jellyfin', 'starting', 'starting', { cause: 'starting', endpoint: '/System/Info/Public', httpStatus: 503 }],
  ['jellyfin', 'unhealthy', 'degraded', { cause: 'unhealthy', endpoint: '/health', excerpt: 'Unhealthy' }],
  ['jellyfin', 'wizard', 'degraded', { cause: 'wizard' }],
  ['jellyfin', 'garbage', 'degraded', { cause: 'body', endpoint: '/System/Info/Public', expected: "Jellyfin's JSON" }],
  ['jellyfin', 'auth', 'degraded', { cause: 'auth', endpoint: '/System/Ping', httpStatus: 401 }],
  ['jellyfin', 'refuse', 'down', { cause: 'refused' }],
  ['jellyfin', 'hang', 'down', { cause: 'timeout', waitedFor: 'headers', timeoutMs: 400 }],
  ['synapse', 'up', 'up', { cause: 'healthy' }],
  ['synapse', 'garbage', 'degraded', { cause: 'body', endpoint: '/health', httpStatus: 200, excerpt: '502 Bad Gateway' }],
  ['synapse', 'unhealthy', 'degraded', { cause: 'status', endpoint: '/health', httpStatus: 500 }],
  ['synapse', 'auth', 'degraded', { cause: 'auth', httpStatus: 401 }],
  ['synapse', 'refuse', 'down', { cause: 'refused' }],
  ['synapse', 'hang', 'down', { cause: 'timeout', timeoutMs: 400 }],
  ['bridge', 'up', 'up', { cause: 'ready' }],
  ['bridge', 'starting', 'degraded', { cause: 'not-ready', endpoint: '/_matrix/mau/ready', httpStatus: 500 }],
  ['bridge', 'unhealthy', 'degraded', { cause: 'not-live', endpoint: '/_matrix/mau/live', httpStatus: 500 }],
  ['bridge', 'garbage', 'degraded', { cause: 'body', endpoint: '/_matrix/mau/live', expected: 'a mautrix answer' }],
  ['bridge', 'refuse', 'down', { cause: 'refused' }],
];

describe('probes against loopback simulators', () => {
  it.each(cases)('%s %s → %s', async (kind, condition, state, fields) => {
    await sims[kind].setCondition(condition);
    const started = performance.now();
    const r = await probes[kind]();
    await sims[kind].setCondition('up');
    expect(r).toMatchObject({ state, ...fields });
    // Every probe is bounded by its timeout, whatever the server does.
    expect(performance.now() - started).toBeLessThan(T + 150);
    if (state === 'down') expect(r.latencyMs).toBeNull();
    else expect(r.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('reports versions', async () => {
    expect((await probes.jellyfin()).version).toBe('10.10.7');
    expect((await probes.synapse()).version).toBe('1.160.0');
  });

  it('a name that does not resolve is down, with the reason', async () => {
    const r = await probeSynapse('http://no-such-host.invalid:8008', T);
    expect(r).toMatchObject({ state: 'down', cause: 'dns', code: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN|EAI_FAIL)$/) });
  });
});

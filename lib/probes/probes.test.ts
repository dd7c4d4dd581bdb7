import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridge, jellyfin, synapse } from '../../demo/lab/services.mjs';
import { SimServer } from '../../demo/lab/sim-server.mjs';
import { probeBridge } from './bridge';
import { probeJellyfin } from './jellyfin';
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

type Case = [keyof typeof probes, string, string, RegExp];
const cases: Case[] = [
  ['jellyfin', 'up', 'up', /healthy, server "mini-vm"/],
  ['jellyfin', 'starting', 'starting', /starting/],
  ['jellyfin', 'unhealthy', 'degraded', /\/health reports Unhealthy/],
  ['jellyfin', 'wizard', 'degraded', /setup wizard/],
  ['jellyfin', 'garbage', 'degraded', /not Jellyfin's JSON/],
  ['jellyfin', 'auth', 'degraded', /needs authentication \(HTTP 401\)/],
  ['jellyfin', 'refuse', 'down', /connection refused/],
  ['jellyfin', 'hang', 'down', /no response headers within 400 ms/],
  ['synapse', 'up', 'up', /^healthy$/],
  ['synapse', 'garbage', 'degraded', /not "OK": 502 Bad Gateway/],
  ['synapse', 'unhealthy', 'degraded', /HTTP 500/],
  ['synapse', 'auth', 'degraded', /needs authentication/],
  ['synapse', 'refuse', 'down', /connection refused/],
  ['synapse', 'hang', 'down', /within 400 ms/],
  ['bridge', 'up', 'up', /live and ready/],
  ['bridge', 'starting', 'degraded', /not ready \(HTTP 500/],
  ['bridge', 'unhealthy', 'degraded', /not live/],
  ['bridge', 'garbage', 'degraded', /not a mautrix answer/],
  ['bridge', 'refuse', 'down', /connection refused/],
];

describe('probes against loopback simulators', () => {
  it.each(cases)('%s %s → %s', async (kind, condition, state, reason) => {
    await sims[kind].setCondition(condition);
    const started = performance.now();
    const r = await probes[kind]();
    await sims[kind].setCondition('up');
    expect(r.state).toBe(state);
    expect(r.reason).toMatch(reason);
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
    expect(r.state).toBe('down');
    expect(r.reason).toMatch(/does not resolve/);
  });
});

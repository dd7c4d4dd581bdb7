import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startLab, type Lab } from '../demo/lab/index.mjs';
import { JELLYFIN_DEMO_KEY } from '../demo/lab/services.mjs';
import { loadConfig, type Config } from './config';
import { newRoundState, probeRound } from './probe-round';
import { SlowFacts } from './slow-facts';
import { getSnapshot, startPoller, stopPoller } from './snapshot-store';
import { composeSnapshot } from './status';

let lab: Lab;
let config: Config;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'status-'));
const post = (p: string, body: unknown) => fetch(lab.controlUrl + p, { method: 'POST', body: JSON.stringify(body) });

beforeAll(async () => {
  lab = await startLab({ stateDir: dir, timeoutMs: 600, pollIntervalMs: 60_000 });
  config = loadConfig({ DASHBOARD_CONFIG: lab.configPath }).config;
});
afterAll(async () => {
  await lab.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await post('/reset', {});
});

const states = (s: Awaited<ReturnType<typeof composeSnapshot>>) => Object.fromEntries(s.machines[0].services.map((x) => [x.id, x.state]));

describe('composeSnapshot against the demo home lab', () => {
  it('all up, with the VM facts from orb', async () => {
    const s = await composeSnapshot(config);
    expect(s.orbstack).toEqual({ state: 'running', others: [{ name: 'ubuntu', state: 'stopped' }] });
    expect(s.machines[0]).toMatchObject({ name: 'mini-vm', state: 'running', distro: 'nixos', address: '192.168.139.245', addressDrift: { ok: true } });
    expect(states(s)).toEqual({ jellyfin: 'up', synapse: 'up', telegram: 'up' });
    // The page names each kind from the snapshot; it never loads the probe code.
    expect(s.machines[0].services.map((x) => x.kindLabel)).toEqual(['Jellyfin', 'Matrix homeserver', 'mautrix bridge']);
  });

  it('with an API key, Jellyfin reports its streams; the key never enters the snapshot', async () => {
    const s = await composeSnapshot(config);
    const jf = s.machines[0].services.find((x) => x.id === 'jellyfin');
    expect(jf?.detail).toBe('1 playing (Big Buck Bunny)');
    expect(JSON.stringify(s)).not.toContain(JELLYFIN_DEMO_KEY);
  });

  it('a stopped VM: services are vm-stopped and not probed', async () => {
    await post('/machine', { name: 'mini-vm', state: 'stopped' });
    await post('/stats/reset', {});
    const s = await composeSnapshot(config);
    expect(s.machines[0].state).toBe('stopped');
    expect(states(s)).toEqual({ jellyfin: 'vm-stopped', synapse: 'vm-stopped', telegram: 'vm-stopped' });
    // Its paths share the verdict, and only that.
    const verdict = { state: 'vm-stopped', cause: 'machine-not-running', machine: 'mini-vm', machineState: 'stopped', latencyMs: null };
    expect(s.machines[0].services[0]).toMatchObject(verdict);
    expect(s.machines[0].services[0].paths?.[0]).toEqual({ ...verdict, via: 'direct', url: lab.sims.jellyfin.url });
    expect(lab.sims.jellyfin.count('/System/Ping')).toBe(0);
  });

  it('a failed probe is pending, with the count of failed rounds, until the threshold makes it down', async () => {
    await post('/service', { id: 'synapse', condition: 'refuse' });
    const state = newRoundState(config);
    const synapse = async () => (await probeRound(config, state)).machines[0].services.find((x) => x.id === 'synapse');
    expect(await synapse()).toMatchObject({ state: 'pending', cause: 'refused', failures: { count: 1, of: 2 } });
    expect(await synapse()).toMatchObject({ state: 'down', cause: 'refused', failures: { count: 2, of: 2 } });
    await post('/service', { id: 'synapse', condition: 'up' });
    const back = await synapse();
    expect(back).toMatchObject({ state: 'up', cause: 'healthy' });
    expect(back?.failures).toBeUndefined();
  });

  it('an address change shows as drift', async () => {
    await post('/machine', { name: 'mini-vm', address: '192.168.139.99' });
    const s = await composeSnapshot(config);
    expect(s.machines[0].addressDrift).toEqual({ expected: '192.168.139.245', observed: '192.168.139.99', ok: false });
  });

  // How long the round takes with a hung service is a figure of `npm run bench`, not a test here.
  it('a hung service is cut off at its own timeout and holds up no other', async () => {
    await post('/service', { id: 'jellyfin', condition: 'hang' });
    const s = await composeSnapshot(config);
    expect(states(s)).toEqual({ jellyfin: 'down', synapse: 'up', telegram: 'up' });
    expect(s.machines[0].services.find((x) => x.id === 'jellyfin')).toMatchObject({ cause: 'timeout', timeoutMs: 600 });
  });

  it('100 concurrent readers cause one probe round', async () => {
    lab.sims.jellyfin.counts.clear();
    const fresh = { ...config, pollIntervalMs: 60_000 };
    const all = await Promise.all(Array.from({ length: 100 }, () => getSnapshot(fresh)));
    expect(new Set(all.map((c) => c.json)).size).toBe(1);
    expect(lab.sims.jellyfin.count('/System/Ping')).toBe(1);
    await getSnapshot(fresh); // still fresh: served from cache
    expect(lab.sims.jellyfin.count('/System/Ping')).toBe(1);
  });

  it('network checks and the VM address are read again after checkIntervalMs, at once when a machine stops or starts, and every round while a check disagrees', async () => {
    let now = 1_000_000;
    const slow = new SlowFacts(60_000, () => now);
    const check = (s: Awaited<ReturnType<typeof composeSnapshot>>) => s.checks!.find((c) => c.id === 'vm-key-light')!;
    const first = await composeSnapshot(config, slow);
    expect(check(first)).toMatchObject({ observed: 'unreachable', ok: true });

    await post('/vm-reach', { target: '169.254.1.144', reachable: true });
    await post('/machine', { address: '192.168.139.9' });
    now += 59_000;
    const within = await composeSnapshot(config, slow);
    expect(check(within)).toEqual(check(first));
    expect(within.machines[0].address).toBe('192.168.139.245');

    now += 2_000;
    const after = await composeSnapshot(config, slow);
    expect(check(after)).toMatchObject({ observed: 'reachable', ok: false });
    expect(after.machines[0].addressDrift).toMatchObject({ ok: false, observed: '192.168.139.9' });

    // A disagreement is not kept: the next round checks again.
    await post('/vm-reach', { target: '169.254.1.144', reachable: false });
    expect(check(await composeSnapshot(config, slow))).toMatchObject({ observed: 'unreachable', ok: true });

    await post('/machine', { state: 'stopped' });
    expect(check(await composeSnapshot(config, slow)).observed).toBe('unknown');
    await post('/machine', { state: 'running' });
    expect(check(await composeSnapshot(config, slow))).toMatchObject({ observed: 'unreachable', ok: true });
  });

  it('the poller serves its rounds to readers, on this thread where the worker cannot load', async () => {
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a));
    try {
      lab.sims.synapse.counts.clear();
      startPoller({ ...config, pollIntervalMs: 300 });
      const first = await getSnapshot(config);
      expect(states(first.snapshot)).toEqual({ jellyfin: 'up', synapse: 'up', telegram: 'up' });
      await expect.poll(() => lab.sims.synapse.count('/health'), { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    } finally {
      stopPoller();
      spy.mockRestore();
    }
    // Under vitest the worker's TypeScript entry cannot load; that is reported once, not thrown.
    expect(errors.length).toBeLessThanOrEqual(1);
  });
});

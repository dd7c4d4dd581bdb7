import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../demo/lab/index.mjs';
import { parseConfig } from '../config';
import { readOrb } from '../orb';
import { composeSnapshot } from '../status';
import { runChecks } from '.';
import { pingFromHost, safeTarget, tcpFromHost } from './probe-reach';

// Real processes: the demo lab's fake orb and simulated VM, and TCP connects to loopback.
let lab: Lab;
let dir: string;
const post = (p: string, body: unknown) => fetch(lab.controlUrl + p, { method: 'POST', body: JSON.stringify(body) });
const config = () => parseConfig(fs.readFileSync(lab.configPath, 'utf8'), lab.configPath);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checks-'));
  // One more check, appended to the demo's list: TCP from inside the VM (the simulated nc).
  const extraConfig = '  - { id: vm-jellyfin, from: mini-vm, target: localhost, port: 8096, expect: reachable }\n';
  lab = await startLab({ stateDir: dir, timeoutMs: 1500, extraConfig });
});
// A failed assertion must not leave the lab broken for the next case.
afterEach(async () => {
  await post('/reset', {});
});
afterAll(async () => {
  await lab?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('network checks against the demo lab', () => {
  it('passes when reality matches the docs, including an expected unreachable', async () => {
    const cfg = config();
    const checks = await runChecks(cfg, await readOrb(cfg.orb));
    expect(checks.map((c) => [c.id, c.observed, c.ok])).toEqual([
      ['host-jellyfin', 'reachable', true],
      ['host-synapse', 'reachable', true],
      ['vm-key-light', 'unreachable', true],
      ['vm-jellyfin', 'reachable', true],
    ]);
    expect(checks[2].docs).toBe('/docs/mini#orbstack-vm-network-limitations');
  });

  it('flags the VM reaching the key light, and a closed port on the host', async () => {
    await post('/vm-reach', { target: '169.254.1.144', reachable: true });
    await post('/service', { id: 'synapse', condition: 'refuse' });
    const cfg = config();
    const byId = Object.fromEntries((await runChecks(cfg, await readOrb(cfg.orb))).map((c) => [c.id, c]));
    expect(byId['vm-key-light']).toMatchObject({ observed: 'reachable', ok: false });
    expect(byId['vm-key-light'].reason).toMatch(/should not be/);
    expect(byId['host-synapse']).toMatchObject({ observed: 'unreachable', ok: false });
    await post('/vm-reach', { target: 'localhost', reachable: false });
    const vmJf = (await runChecks(cfg, await readOrb(cfg.orb))).find((c) => c.id === 'vm-jellyfin')!;
    expect(vmJf).toMatchObject({ observed: 'unreachable', ok: false });
    expect(vmJf.reason).toMatch(/TCP :8096 from mini-vm: no connection/);
  });

  it('does not run a check inside a stopped VM', async () => {
    await post('/machine', { name: 'mini-vm', state: 'stopped' });
    const cfg = config();
    const vm = (await runChecks(cfg, await readOrb(cfg.orb))).find((c) => c.id === 'vm-key-light')!;
    expect(vm).toMatchObject({ observed: 'unknown', ok: false });
    expect(vm.reason).toMatch(/mini-vm is stopped/);
  });

  it('refuses a host check to a non-loopback target under the guard', async () => {
    expect(await tcpFromHost('169.254.1.144', 80, 500)).toMatchObject({ observed: 'unknown' });
    expect(await pingFromHost('169.254.1.144', 500)).toMatchObject({ observed: 'unknown', detail: expect.stringMatching(/not run/) });
  });

  it('never hands a target that looks like an option to ping or nc', () => {
    expect(safeTarget('-oProxyCommand=x')).toBe(false);
    expect(safeTarget('169.254.1.144')).toBe(true);
    expect(safeTarget('mini-vm.orb.local')).toBe(true);
    expect(safeTarget('a b')).toBe(false);
  });

  it('probes every access path and names the broken hop in the snapshot', async () => {
    await post('/hop', { name: 'bee', condition: 'down' });
    const snap = await composeSnapshot(config());
    const jf = snap.machines[0].services.find((s) => s.id === 'jellyfin')!;
    expect(jf.paths?.map((p) => [p.via, p.state])).toEqual([
      ['direct', 'up'],
      ['mini', 'up'],
      ['bee', 'down'],
    ]);
    await post('/hop', { name: 'bee', condition: 'up' });
    await post('/hop', { name: 'mini', condition: '502' });
    const again = (await composeSnapshot(config())).machines[0].services.find((s) => s.id === 'jellyfin')!;
    expect(again.paths?.map((p) => p.state)).toEqual(['up', 'degraded', 'degraded']);
    expect(again.state).toBe('up');
    expect(again.paths?.[1].upstreams).toEqual([{ address: expect.stringMatching(/^127\.0\.0\.1:\d+$/), numRequests: 0, fails: 0 }]);
    await post('/hop', { name: 'mini', condition: 'up' });
    await post('/service', { id: 'jellyfin', condition: 'refuse' });
    await composeSnapshot(config()); // mini's Caddy fails to reach Jellyfin and remembers it
    const third = (await composeSnapshot(config())).machines[0].services.find((s) => s.id === 'jellyfin')!;
    expect(third.paths?.[1].upstreams?.[0].fails).toBeGreaterThan(0);
    // Relayed requests are not counted as the dashboard's own probes of Jellyfin.
    const stats = await (await fetch(lab.controlUrl + '/stats')).json();
    expect(stats.jellyfin['/System/Ping'] ?? 0).toBeLessThanOrEqual(2);
  });

  it('asks a Caddy admin API once per round however many paths go through that hop', async () => {
    const cfg = config();
    const [jellyfin, synapse] = cfg.machines[0].services;
    const viaMini = jellyfin.paths.find((p) => p.via === 'mini')!;
    synapse.paths = [{ via: 'mini', url: viaMini.url, admin: viaMini.admin }];
    lab.miniAdmin.counts.clear();
    const snap = await composeSnapshot(cfg);
    expect(lab.miniAdmin.count('/reverse_proxy/upstreams')).toBe(1);
    const [a, b] = snap.machines[0].services.map((s) => s.paths?.find((p) => p.via === 'mini')?.upstreams);
    expect(a).toHaveLength(1);
    expect(b).toEqual(a);
  });
});

describe('check links', () => {
  it('link only to a page on this site or an http(s) page', async () => {
    const cfg = parseConfig('checks:\n  - { id: x, from: host, target: 127.0.0.1, port: 9, expect: unreachable, timeoutMs: 500, docs: "javascript:alert(1)" }\n', 'inline');
    const [c] = await runChecks(cfg, { state: 'running', machines: [] });
    expect(c.docs).toBe('/docs/mini#orbstack-vm-network-limitations');
    expect(c.ok).toBe(true); // nothing listens on loopback port 9: unreachable, as expected
  });
});

describe('the example config for the real Mac mini', () => {
  it('is valid (parsed only, never probed)', () => {
    const file = path.join(import.meta.dirname, '../../dashboard.config.example.yaml');
    const cfg = parseConfig(fs.readFileSync(file, 'utf8'), file);
    expect(cfg.machines[0].expectedAddress).toBe('192.168.139.245');
    expect(cfg.checks.map((c) => `${c.from}:${c.target}:${c.expect}`)).toContain('mini-vm:169.254.1.144:unreachable');
    expect(cfg.machines[0].services[0].paths.map((p) => p.via)).toEqual(['direct', 'mini', 'bee']);
  });
});

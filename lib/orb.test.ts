import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../demo/lab/index.mjs';
import { readMachineAddress, readOrb } from './orb';

// The real adapter spawning the demo's fake orb, in each condition the lab can put it in.
let lab: Lab;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orb-'));
const settings = () => ({ bin: path.join(dir, 'orb'), timeoutMs: 800 });
const set = (condition: string) => fetch(`${lab.controlUrl}/orb`, { method: 'POST', body: JSON.stringify({ condition }) });

beforeAll(async () => {
  lab = await startLab({ stateDir: dir });
});
afterAll(async () => {
  await lab.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('readOrb with the fake orb', () => {
  it.each([
    ['running', 'running', /^$/, 2],
    ['stopped', 'stopped', /orb status: Stopped/, -1],
    ['error', 'stopped', /agent not running/, -1],
    ['hang', 'error', /did not answer within 0\.8 s/, -1],
    ['missing', 'not-installed', /orb CLI not found at/, -1],
    ['noexec', 'error', /not executable/, -1],
    ['bad-json', 'running', /^$/, 2],
    ['big', 'running', /^$/, 2],
    ['unknown-state', 'running', /^$/, 2],
    ['extra-columns', 'running', /^$/, 2],
    ['empty', 'running', /did not print valid JSON; orb list printed no NAME\/STATE header/, -1],
  ])('%s → %s', async (condition, state, reason, machines) => {
    await set(condition);
    const r = await readOrb(settings());
    expect(r.state).toBe(state);
    expect(r.reason ?? '').toMatch(reason);
    if (machines < 0) expect(r.machines).toBeNull();
    else expect(r.machines).toHaveLength(machines);
  });

  it('reads the VM from JSON, the table, and the unknown state', async () => {
    await set('running');
    expect((await readOrb(settings())).machines?.[0]).toMatchObject({ name: 'mini-vm', state: 'running', distro: 'nixos', version: '25.05', arch: 'arm64' });
    await set('extra-columns');
    expect((await readOrb(settings())).machines?.[0]).toMatchObject({ name: 'mini-vm', address: '192.168.139.245' });
    await set('unknown-state');
    expect((await readOrb(settings())).machines?.[0]).toMatchObject({ state: 'unknown', rawState: 'hibernating' });
  });

  it('asks the VM for its address through orb -m', async () => {
    await set('running');
    expect(await readMachineAddress(settings(), 'mini-vm')).toBe('192.168.139.245');
    expect(await readMachineAddress(settings(), 'ubuntu')).toBeUndefined(); // stopped: orb -m fails
  });
});

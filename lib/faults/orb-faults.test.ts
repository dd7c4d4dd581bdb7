import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderOrb } from '../../demo/lab/orb-state.mjs';
import { configSchema } from '../config-schema';
import { composeSnapshot } from '../status';
import { failOnStrayErrors } from './strict-process';

failOnStrayErrors();

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orb-faults-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const lab = (orb: string) => ({
  orb,
  machines: {
    'mini-vm': { state: 'running', address: '192.168.139.245' },
    ubuntu: { state: 'stopped', image: { distro: 'ubuntu', version: 'noble', arch: 'arm64' } },
  },
});

const TIMEOUT = 400;
const config = (bin: string) =>
  configSchema.parse({ orb: { bin, timeoutMs: TIMEOUT }, machines: [{ name: 'mini-vm', services: [] }] });

// condition of the fake orb → what the status page shows for OrbStack and for the VM.
const cases: { condition: string; orb: string; orbReason?: RegExp; machine: string; machineReason: RegExp; address?: string }[] = [
  { condition: 'running', orb: 'running', machine: 'running', machineReason: /^running$/, address: '192.168.139.245' },
  { condition: 'stopped', orb: 'stopped', orbReason: /Stopped/, machine: 'stopped', machineReason: /OrbStack is stopped/ },
  { condition: 'missing', orb: 'not-installed', orbReason: /orb CLI not found/, machine: 'unknown', machineReason: /services are probed anyway/ },
  { condition: 'noexec', orb: 'error', orbReason: /not executable/, machine: 'unknown', machineReason: /not executable/ },
  { condition: 'error', orb: 'stopped', orbReason: /agent not running/, machine: 'stopped', machineReason: /OrbStack is stopped/ },
  { condition: 'hang', orb: 'error', orbReason: /did not answer within 0.4 s/, machine: 'unknown', machineReason: /did not answer/ },
  { condition: 'empty', orb: 'running', orbReason: /did not print valid JSON.*no NAME\/STATE header/, machine: 'unknown', machineReason: /did not print valid JSON/ },
  { condition: 'bad-json', orb: 'running', machine: 'running', machineReason: /^running$/ },
  { condition: 'big', orb: 'running', machine: 'running', machineReason: /^running$/ },
  { condition: 'unknown-state', orb: 'running', machine: 'unknown', machineReason: /unfamiliar state "hibernating"/ },
  { condition: 'extra-columns', orb: 'running', machine: 'running', machineReason: /^running$/, address: '192.168.139.245' },
];

describe('orb faults: each gives one clear state, within the timeout', () => {
  it.each(cases)('orb $condition → OrbStack $orb, mini-vm $machine', async (c) => {
    renderOrb(dir, root, lab(c.condition));
    const started = performance.now();
    const snap = await composeSnapshot(config(path.join(dir, 'orb')));
    // Three orb calls at most (status, list -f json, list), each with its own deadline.
    expect(performance.now() - started).toBeLessThan(3 * TIMEOUT + 1000);
    expect(snap.orbstack.state).toBe(c.orb);
    if (c.orbReason) expect(snap.orbstack.reason).toMatch(c.orbReason);
    const m = snap.machines[0];
    expect(m.state).toBe(c.machine);
    expect(m.reason).toMatch(c.machineReason);
    if (c.address) expect(m.address).toBe(c.address);
    // Reasons are short single lines, never a dump of what orb printed.
    for (const r of [snap.orbstack.reason ?? '', m.reason]) expect(r.length).toBeLessThan(600);
    expect(JSON.stringify(snap).length).toBeLessThan(8192);
  });

  it('a directory where the binary should be is "not executable", not a crash', async () => {
    const snap = await composeSnapshot(config(dir));
    expect(snap.orbstack.state).toBe('error');
    expect(snap.orbstack.reason).toMatch(/not executable|could not be started/);
  });
});

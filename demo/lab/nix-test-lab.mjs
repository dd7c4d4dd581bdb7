import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { run } from '../../lib/exec';
import { startLab } from './index.mjs';

// For the tests of the simulated VM's Nix: a lab in a temp folder, its control API, and the
// VM's programs run the way the dashboard runs them (through the lab's fake orb).

export async function nixTestLab() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nix-lab-'));
  const lab = await startLab({ stateDir: dir, pollIntervalMs: 60_000 });
  const post = async (p, body = {}) => {
    const r = await fetch(lab.controlUrl + p, { method: 'POST', body: JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
  };
  /** Run a program inside the VM (as root unless `user` says otherwise). */
  const vm = (argv, { user = 'root', timeoutMs = 20_000 } = {}) => run(path.join(lab.stateDir, 'orb'), ['-m', 'mini-vm', '-u', user, ...argv], { timeoutMs });
  const fast = () => post('/rebuild', { scenario: 'build-several', speed: 100 });
  const stop = async () => {
    await lab.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { lab, flakeDir: path.join(lab.stateDir, 'flake'), post, vm, fast, stop };
}

/**
 * For a test file: one lab for all its tests, stopped after them, reset before each (with the
 * fake programs at full speed). Its fields are there once beforeAll has run.
 */
export function useNixTestLab() {
  const t = {};
  beforeAll(async () => void Object.assign(t, await nixTestLab()));
  afterAll(() => t.stop?.());
  beforeEach(async () => {
    await t.post('/reset');
    await t.fast();
  });
  return t;
}

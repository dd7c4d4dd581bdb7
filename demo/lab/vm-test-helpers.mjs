import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startLab } from './index.mjs';

// For the simulated VM's tests: run a command through the lab's fake orb, as the dashboard will.

export function orb(lab, args, { user } = {}) {
  const argv = ['-m', 'mini-vm', ...(user ? ['-u', user] : []), ...args];
  return new Promise((resolve) => {
    execFile(`${lab.stateDir}/orb`, argv, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, signal: error?.signal ?? null, stdout, stderr });
    });
  });
}

export function follow(lab, args) {
  return spawn(`${lab.stateDir}/orb`, ['-m', 'mini-vm', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

export const post = (lab, path, body) => fetch(`${lab.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));

/** Wait until `check` gives something truthy (a state, not a time), or fail after `ms`. */
export async function until(check, { ms = 15_000, what = 'the state' } = {}) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Does the simulator answer at all? */
export const answers = (sim) => fetch(`${sim.url}/`, { signal: AbortSignal.timeout(2000) }).then(() => true, () => false);

/**
 * A lab of its own for one test file, in a temporary folder: started before, stopped after. The
 * answer stands for the lab once it has started.
 */
export function useLab(name, { resetEach = false } = {}) {
  const ref = { lab: null };
  beforeAll(async () => {
    ref.lab = await startLab({ stateDir: fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`)) });
  });
  afterAll(async () => {
    await ref.lab?.stop();
    if (ref.lab) fs.rmSync(ref.lab.stateDir, { recursive: true, force: true });
  });
  if (resetEach) beforeEach(() => post(ref.lab, '/reset', {}));
  return new Proxy({}, { get: (_, key) => ref.lab?.[key] });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findOrb, orbCandidates } from './orb-paths.mjs';
import { resolveOrbBin } from './orb';

const homes: string[] = [];
function home(): string {
  const h = fs.mkdtempSync(path.join(os.tmpdir(), 'orb-home-'));
  homes.push(h);
  return h;
}
function put(file: string, mode: number) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n', { mode });
}
afterEach(() => {
  for (const h of homes.splice(0)) fs.rmSync(h, { recursive: true, force: true });
});

describe('the shared list of places for orb', () => {
  it('tries ORB_PATH first, then the install locations in order', () => {
    expect(orbCandidates({ HOME: '/Users/ivan', ORB_PATH: '/x/orb' })).toEqual([
      '/x/orb',
      '/usr/local/bin/orb',
      '/Users/ivan/.local/bin/orb',
      '/opt/homebrew/bin/orb',
      '/Users/ivan/.orbstack/bin/orb',
      '/Applications/OrbStack.app/Contents/MacOS/xbin/orb',
    ]);
  });

  it('finds the first executable file, skipping a file that is not executable and a folder', () => {
    const h = home();
    put(path.join(h, '.local/bin/orb'), 0o644);
    fs.mkdirSync(path.join(h, '.orbstack/bin/orb'), { recursive: true });
    expect(findOrb({ HOME: h }).bin).toBeNull();
    fs.rmSync(path.join(h, '.orbstack/bin/orb'), { recursive: true });
    put(path.join(h, '.orbstack/bin/orb'), 0o755);
    const found = findOrb({ HOME: h });
    expect(found.bin).toBe(path.join(h, '.orbstack/bin/orb'));
    expect(found.searched).toContain(path.join(h, '.local/bin/orb'));
  });

  it('is what the server uses when orb.bin is not set', () => {
    const h = home();
    put(path.join(h, '.local/bin/orb'), 0o755);
    const before = { HOME: process.env.HOME, ORB_PATH: process.env.ORB_PATH };
    process.env.HOME = h;
    delete process.env.ORB_PATH;
    try {
      expect(resolveOrbBin(undefined).bin).toBe(path.join(h, '.local/bin/orb'));
      expect(resolveOrbBin('/opt/orb')).toEqual({ bin: '/opt/orb', searched: ['/opt/orb'] });
    } finally {
      process.env.HOME = before.HOME;
      if (before.ORB_PATH !== undefined) process.env.ORB_PATH = before.ORB_PATH;
    }
  });
});

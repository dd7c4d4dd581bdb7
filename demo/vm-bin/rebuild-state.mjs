import fs from 'node:fs';
import path from 'node:path';

// Shared by the fake nixos-rebuild and readlink: the scenario the lab chose and the VM's generations.

export const rebuildScenarios = ['nothing-to-build', 'build-several', 'eval-error', 'failed-units', 'hang', 'stubborn', 'flood', 'timed'];

export function readScenario(dir) {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(dir, 'rebuild.json'), 'utf8'));
    const holds = Array.isArray(s.holds) ? s.holds.filter((h) => typeof h === 'string') : [];
    return { scenario: s.scenario ?? 'build-several', speed: s.speed > 0 ? s.speed : 1, bytes: s.bytes ?? 50 * 1024 * 1024, lines: s.lines > 0 ? s.lines : 200, holds };
  } catch {
    return { scenario: 'build-several', speed: 1, bytes: 50 * 1024 * 1024, lines: 200, holds: [] };
  }
}

export function readReleases(dir) {
  try {
    return Number(fs.readFileSync(path.join(dir, 'rebuild.releases'), 'utf8')) || 0;
  } catch {
    return 0;
  }
}

/**
 * Hold points the lab asked for ('evaluated', 'built:N', 'activating'): the run waits at the k-th
 * one it reaches until the lab has been told to release k times, so a test can look at a state
 * for as long as it needs instead of racing the fake's speed.
 */
export function holder(dir, holds) {
  let passed = 0;
  return async (point) => {
    if (!holds.includes(point)) return;
    passed += 1;
    const held = path.join(dir, 'rebuild.held');
    fs.writeFileSync(held, JSON.stringify({ point, pid: process.pid }));
    const giveUp = Date.now() + 600_000;
    while (readReleases(dir) < passed) {
      if (Date.now() > giveUp) process.exit(1);
      await new Promise((r) => setTimeout(r, 25));
    }
    fs.rmSync(held, { force: true });
  };
}

export const systemPath = (n) => `/nix/store/${((n * 7919).toString(36).padStart(6, '0') + 'k3v9w2q8r5m1x7c4z6b0n2d5f8g1h3j').slice(0, 32)}-nixos-system-mini-vm-25.05.20250601.98ff3f9`;

function initialGenerations() {
  return [43, 42, 41].map((n, i) => ({
    generation: n,
    date: `2025-06-${String(20 - i * 3).padStart(2, '0')} 21:14:0${i}`,
    nixosVersion: '25.05.20250601.98ff3f9',
    kernelVersion: 'Unknown',
    configurationRevision: ['a41c9e2', '7d03b18', 'e5f2a90'][i],
    specialisations: [],
    current: i === 0,
  }));
}

export function readGenerations(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'generations.json'), 'utf8'));
  } catch {
    return initialGenerations();
  }
}

export function writeGenerations(dir, gens) {
  fs.writeFileSync(path.join(dir, 'generations.json'), JSON.stringify(gens));
}

/**
 * The generation the VM booted: the one current when the lab started. The simulated VM never
 * reboots, so a switch moves /run/current-system but never this.
 */
export function bootedGeneration() {
  return initialGenerations().find((g) => g.current).generation;
}

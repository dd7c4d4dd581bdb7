import fs from 'node:fs';
import path from 'node:path';
import { initialVm } from './nix-store.mjs';
import { readStateJson, writeStateJson } from './state-file.mjs';

// Shared by the simulated VM's programs: the scenario the lab chose and the VM's generations
// (each with the store path of its system; demo/vm-bin/nix-store.mjs holds what those contain).

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

export const readGenerations = (dir) => readStateJson(dir, 'generations.json', () => initialVm().generations);
export const writeGenerations = (dir, gens) => writeStateJson(dir, 'generations.json', gens);

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


/** What list-generations prints of a generation: the store path stays inside the simulated VM. */
export const listed = ({ storePath, ...g }) => g;

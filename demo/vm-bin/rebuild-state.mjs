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
    return { scenario: s.scenario ?? 'build-several', speed: s.speed > 0 ? s.speed : 1, bytes: s.bytes ?? 50 * 1024 * 1024, lines: s.lines > 0 ? s.lines : 200 };
  } catch {
    return { scenario: 'build-several', speed: 1, bytes: 50 * 1024 * 1024, lines: 200 };
  }
}

export const readGenerations = (dir) => readStateJson(dir, 'generations.json', () => initialVm().generations);
export const writeGenerations = (dir, gens) => writeStateJson(dir, 'generations.json', gens);

/** What list-generations prints of a generation: the store path stays inside the simulated VM. */
export const listed = ({ storePath, ...g }) => g;

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlakeLock, readFlakeLock } from './flake-lock';

const DAY = 86400;
const NOW = Date.UTC(2025, 6, 1);
const ago = (days: number) => NOW / 1000 - days * DAY;

const lock = {
  nodes: {
    nixpkgs: { locked: { lastModified: ago(43), narHash: 'sha256-x', owner: 'NixOS', repo: 'nixpkgs', rev: '98ff3f9af2684f1f2b4ba2ae9b1d5f3c1e1a2b3c', type: 'github' }, original: {} },
    'sops-nix': { inputs: { nixpkgs: ['nixpkgs'] }, locked: { lastModified: ago(10), owner: 'Mic92', repo: 'sops-nix', rev: 'e5f2a90c1d2e3f4a5b6c7d8e9a41c9e2b7d03b18', type: 'github' } },
    'home-manager': { inputs: { nixpkgs: 'nixpkgs_2' }, locked: { lastModified: ago(5), type: 'github', owner: 'nix-community', repo: 'home-manager', rev: '0'.repeat(40) } },
    nixpkgs_2: { locked: { lastModified: ago(90), type: 'github', owner: 'NixOS', repo: 'nixpkgs', rev: '1'.repeat(40) } },
    root: { inputs: { nixpkgs: 'nixpkgs', 'sops-nix': 'sops-nix', 'home-manager': 'home-manager', 'hm-nixpkgs': ['home-manager', 'nixpkgs'], broken: ['nope', 'x'] } },
  },
  root: 'root',
  version: 7,
};

describe('parseFlakeLock', () => {
  it('lists the root inputs with their age and a stale flag past 30 days', () => {
    const inputs = parseFlakeLock(JSON.stringify(lock), { now: NOW });
    expect(inputs.map((i) => [i.name, i.node, i.ageDays, i.stale, i.follows])).toEqual([
      ['nixpkgs', 'nixpkgs', 43, true, null],
      ['sops-nix', 'sops-nix', 10, false, null],
      ['home-manager', 'home-manager', 5, false, null],
      ['hm-nixpkgs', 'nixpkgs_2', 90, true, 'home-manager/nixpkgs'],
      ['broken', null, null, false, 'nope/x'],
    ]);
    expect(inputs[0]).toMatchObject({ type: 'github', owner: 'NixOS', repo: 'nixpkgs', rev: '98ff3f9af2684f1f2b4ba2ae9b1d5f3c1e1a2b3c', lastModified: ago(43) });
  });

  it('staleInputDays moves the line', () => {
    const inputs = parseFlakeLock(JSON.stringify(lock), { now: NOW, staleInputDays: 60 });
    expect(inputs.filter((i) => i.stale).map((i) => i.name)).toEqual(['hm-nixpkgs']);
  });

  it('follows paths that loop or run deep end nowhere, not in a hang', () => {
    const loop = { nodes: { a: { inputs: { x: ['b', 'x'] } }, b: { inputs: { x: ['a', 'x'] } }, root: { inputs: { a: 'a', b: 'b', x: ['a', 'x'] } } }, root: 'root' };
    expect(parseFlakeLock(JSON.stringify(loop), { now: NOW }).find((i) => i.name === 'x')?.node).toBeNull();
  });

  it('odd fields are null; hostile strings are cleaned; a lock without inputs is empty', () => {
    const odd = { nodes: { root: { inputs: { '\x1b[31mx': 'n' } }, n: { locked: { lastModified: 'soon', rev: '$(id)', owner: '\x1b]8;;evil\x07me', type: 7 } } } };
    expect(parseFlakeLock(JSON.stringify(odd), { now: NOW })[0]).toMatchObject({ name: 'x', lastModified: null, ageDays: null, stale: false, rev: null, owner: 'me', type: null });
    expect(parseFlakeLock('{"nodes": {"root": {}}, "root": "root"}')).toEqual([]);
    expect(() => parseFlakeLock('{}')).toThrow(/no nodes/);
    expect(() => parseFlakeLock('not json')).toThrow();
  });
});

describe('readFlakeLock', () => {
  it('reads the file in the flake folder; a missing or broken lock is a problem in words', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flake-lock-'));
    expect(await readFlakeLock(dir)).toMatchObject({ inputs: null, problem: expect.stringMatching(/cannot be read/) });
    fs.writeFileSync(path.join(dir, 'flake.lock'), '{"nodes": ');
    expect(await readFlakeLock(dir)).toMatchObject({ inputs: null, problem: expect.stringMatching(/not valid/) });
    fs.writeFileSync(path.join(dir, 'flake.lock'), JSON.stringify(lock));
    expect((await readFlakeLock(dir, { now: NOW })).inputs).toHaveLength(5);
    fs.rmSync(dir, { recursive: true });
  });
});

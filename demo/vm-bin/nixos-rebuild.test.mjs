import { describe, expect, it } from 'vitest';
import { parseGenerations } from '../../lib/rebuild/generations';
import { useNixTestLab } from '../lab/nix-test-lab.mjs';

// The fake nixos-rebuild on the generation model with store paths: what the rebuild pages
// already rely on still holds.

const t = useNixTestLab();
const generations = async () => parseGenerations((await t.vm(['nixos-rebuild', 'list-generations', '--json'])).stdout);
const current = async () => (await generations()).find((g) => g.current).generation;
const links = async () => (await t.vm(['readlink', '/run/current-system', '/run/booted-system'])).stdout.trim().split('\n');

describe('nixos-rebuild', () => {
  it('switch makes generation 44, prints its path, and the booted system stays 43', async () => {
    const r = await t.vm(['nixos-rebuild', 'switch', '--flake', `${t.flakeDir}#mini-vm`, '-L']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/these 7 derivations will be built/);
    expect(await current()).toBe(44);
    const [cur, booted] = await links();
    expect(r.stdout.trim()).toBe(cur);
    expect(booted).not.toBe(cur);
    expect((await t.vm(['readlink', '/nix/var/nix/profiles/system'])).stdout).toBe('system-44-link\n');
  });

  it('rollback goes to the generation before', async () => {
    await t.vm(['nixos-rebuild', 'switch', '--rollback', '--flake', `${t.flakeDir}#mini-vm`]);
    expect(await current()).toBe(42);
    const [cur] = await links();
    expect(cur).toBe((await t.vm(['readlink', '/nix/var/nix/profiles/system-42-link'])).stdout.trim());
  });

  it('build adds no generation; failed units exit 4; a flake folder that is not there still builds', async () => {
    const b = await t.vm(['nixos-rebuild', 'build', '--flake', `${t.flakeDir}#mini-vm`]);
    expect(b.stdout).toMatch(/^\/nix\/store\/\S+-nixos-system-mini-vm-25\.05\.20250612\.c2a0381\n$/);
    expect(await current()).toBe(43);
    await t.post('/rebuild', { scenario: 'failed-units', speed: 100 });
    const f = await t.vm(['nixos-rebuild', 'switch', '--flake', '/Users/ivan/mini-vm#mini-vm']);
    expect(f.code).toBe(4);
    expect(f.stderr).toContain('warning: the following units failed: mautrix-telegram.service');
    expect((await generations())[0]).toMatchObject({ generation: 44, configurationRevision: '' });
  });

  it('without root a switch is refused', async () => {
    const r = await t.vm(['nixos-rebuild', 'switch', '--flake', `${t.flakeDir}#mini-vm`], { user: 'ivan' });
    expect(r.code).toBe(1);
    expect(await current()).toBe(43);
  });
});

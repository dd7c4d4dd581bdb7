import { describe, expect, it } from 'vitest';
import { parseDuTotal, duStoreArgv } from '../../lib/nix/disk-usage';
import { gcArgv, generationsRemovedBy, parseGcSummary } from '../../lib/nix/gc';
import { parseGenerations } from '../../lib/rebuild/generations';
import { useNixTestLab } from '../lab/nix-test-lab.mjs';

// The fake nix-collect-garbage, du and their effect on the simulated generations and store.

const t = useNixTestLab();

const generations = async (user) => parseGenerations((await t.vm(['nixos-rebuild', 'list-generations', '--json'], { user })).stdout);
const storeBytes = async () => parseDuTotal((await t.vm(duStoreArgv)).stdout).bytes;

describe('nix-collect-garbage --delete-older-than', () => {
  it('removes what the dashboard predicted, frees space, and says so on stdout', async () => {
    const before = await generations();
    const plan = generationsRemovedBy(before, 30);
    // The lab's generations are 2, 20, 45 and 60 days old: 41 is the one active 30 days ago.
    expect(plan.removes.map((g) => g.generation)).toEqual([40]);
    const du0 = await storeBytes();
    const r = await t.vm(gcArgv(30));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('removing old generations of profile /nix/var/nix/profiles/system');
    expect(r.stderr).toContain('removing profile version 40');
    expect(r.stderr).toMatch(/deleting '\/nix\/store\/\S+'/);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const summary = parseGcSummary(r.stdout);
    expect(summary.paths).toBeGreaterThan(3);
    expect(summary.freedBytes).toBeGreaterThan(1024 ** 2);
    expect((await generations()).map((g) => g.generation)).toEqual(plan.keeps.map((g) => g.generation));
    // du sees the same space go (the summary rounds to 0.01 MiB).
    expect(Math.abs(du0 - (await storeBytes()) - summary.freedBytes)).toBeLessThan(0.01 * 1024 ** 2);
    // Nothing left to collect the second time.
    expect(parseGcSummary((await t.vm(gcArgv(30))).stdout)).toEqual({ paths: 0, freedBytes: 0 });
  });

  it('a shorter cutoff removes more; the current generation always stays', async () => {
    const plan = generationsRemovedBy(await generations(), 7);
    expect(plan.removes.map((g) => g.generation)).toEqual([41, 40]);
    await t.vm(gcArgv(7));
    expect((await generations()).map((g) => [g.generation, g.current])).toEqual([[43, true], [42, false]]);
    // Even the current generation is older than a day: it is the one kept, 42 goes.
    expect(generationsRemovedBy(await generations(), 1).removes.map((g) => g.generation)).toEqual([42]);
    await t.vm(gcArgv(1));
    expect((await generations()).map((g) => g.generation)).toEqual([43]);
  });

  it('a preview build nothing roots is garbage for the next collection', async () => {
    const before = parseGcSummary((await t.vm(gcArgv(3650))).stdout);
    await t.vm(['nix', 'build', '--no-link', '--print-out-paths', `${t.flakeDir}#nixosConfigurations.mini-vm.config.system.build.toplevel`]);
    const after = parseGcSummary((await t.vm(gcArgv(3650))).stdout);
    expect(before.paths).toBeGreaterThan(0);
    expect(after.freedBytes).toBeGreaterThan(100 * 1024 ** 2);
  });

  it('without root the system profile is left alone', async () => {
    const r = await t.vm(['nix-collect-garbage', '--delete-older-than', '1d'], { user: 'ivan' });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('/nix/var/nix/profiles/system');
    expect((await generations()).map((g) => g.generation)).toEqual([43, 42, 41, 40]);
  });

  it('a bad cutoff is a usage error with exit code 1', async () => {
    for (const spec of ['0d', '30', 'x']) {
      const r = await t.vm(['nix-collect-garbage', '--delete-older-than', spec]);
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toMatch(/invalid number of days specifier/);
    }
  });
});

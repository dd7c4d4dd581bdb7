import { describe, expect, it } from 'vitest';
import { diffClosuresArgv, groupClosureDiff, parseClosureDiff } from '../../lib/nix/closure-diff';
import { parsePathInfo } from '../../lib/nix/path-info';
import { generationPairs, parseProfileLinks, readlinkArgv } from '../../lib/nix/generation-links';
import { parseGenerations } from '../../lib/rebuild/generations';
import { useNixTestLab } from '../lab/nix-test-lab.mjs';

// The fake nix, run as a process through the lab's orb and read with the dashboard's parsers.

const t = useNixTestLab();

const toplevel = (dir) => `${dir}#nixosConfigurations.mini-vm.config.system.build.toplevel`;
const names = (g, kind) => g.groups[kind].map((r) => r.name);

async function generations() {
  const r = await t.vm(['nixos-rebuild', 'list-generations', '--json']);
  return parseGenerations(r.stdout);
}

async function diff(before, after) {
  const r = await t.vm(diffClosuresArgv(before, after));
  expect(r.code).toBe(0);
  return { stdout: r.stdout, grouped: groupClosureDiff(parseClosureDiff(r.stdout)) };
}

describe('nix build of the flake toplevel', () => {
  it('prints progress on stderr and only the store path on stdout', async () => {
    const r = await t.vm(['nix', '--extra-experimental-features', 'nix-command flakes', 'build', '--no-link', '--print-out-paths', toplevel(t.flakeDir)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\/nix\/store\/[0-9a-z]{32}-nixos-system-mini-vm-25\.05\.20250612\.c2a0381\n$/);
    expect(r.stderr).toContain(`warning: Git tree '${t.flakeDir}' is dirty`);
    expect(r.stderr).toMatch(/these 3 derivations will be built/);
    expect(r.stderr).toMatch(/copying path '\/nix\/store\/\S+-jellyfin-10\.10\.7' from/);
    // Built once, it is in the store: the second build prints the same path and builds nothing.
    const again = await t.vm(['nix', 'build', '--no-link', '--print-out-paths', toplevel(t.flakeDir)]);
    expect(again.stdout).toBe(r.stdout);
    expect(again.stderr).not.toMatch(/will be built/);
  });

  it('fails as nix does: an attribute the flake lacks, an evaluation error', async () => {
    const wrong = await t.vm(['nix', 'build', '--no-link', `${t.flakeDir}#nixosConfigurations.other.config.system.build.toplevel`]);
    expect(wrong).toMatchObject({ code: 1, stdout: '' });
    expect(wrong.stderr).toMatch(/does not provide attribute/);
    await t.post('/rebuild', { scenario: 'eval-error', speed: 100 });
    const bad = await t.vm(['nix', 'build', '--no-link', '--print-out-paths', toplevel(t.flakeDir)]);
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toMatch(/error: undefined variable/);
  });
});

describe('nix store diff-closures', () => {
  it('the preview: the flake against the running system, every kind of change, sizes in colour', async () => {
    const built = (await t.vm(['nix', 'build', '--no-link', '--print-out-paths', toplevel(t.flakeDir)])).stdout.trim();
    const { stdout, grouped: g } = await diff('/run/current-system', built);
    expect(stdout).toContain('\x1b[31;1m+');
    expect(g.raw).toEqual([]);
    expect(names(g, 'added')).toEqual(['caddy']);
    expect(names(g, 'removed')).toEqual(['mautrix-telegram', 'python3.12-telethon']);
    expect(names(g, 'downgraded')).toEqual(['jellyfin-ffmpeg']);
    expect(names(g, 'upgraded')).toEqual(['jellyfin', 'jellyfin-web', 'matrix-synapse', 'nixos-system-mini-vm', 'python3']);
    expect(names(g, 'size-only')).toEqual(['etc']);
    expect(g.groups.upgraded.find((r) => r.name === 'python3')).toMatchObject({ before: ['3.12.10'], after: ['3.11.12', '3.13.3'] });
    expect(g.groups.upgraded.find((r) => r.name === 'jellyfin')?.sizeDeltaBytes).toBe(Math.round(163.8 * 1024));
  });

  it('identical closures print nothing', async () => {
    const { stdout, grouped } = await diff('/run/current-system', '/nix/var/nix/profiles/system-43-link');
    expect(stdout).toBe('');
    expect(grouped.empty).toBe(true);
  });

  it('each generation against the one before, from the profile links', async () => {
    const gens = (await generations()).map((g) => g.generation);
    expect(gens).toEqual([43, 42, 41, 40]);
    const r = await t.vm(readlinkArgv(gens));
    const parsed = parseProfileLinks(gens, r.stdout);
    expect('links' in parsed).toBe(true);
    const pairs = generationPairs(parsed.links);
    const diffs = [];
    for (const p of pairs) diffs.push((await diff(p.before, p.after)).grouped);
    expect(names(diffs[0], 'added')).toEqual(['intel-media-driver', 'libva']);
    expect(names(diffs[1], 'upgraded')).toContain('matrix-synapse');
    expect(names(diffs[2], 'added')).toEqual(['mautrix-telegram', 'python3.12-telethon']);
    // Computed from the closures: the way back is the mirror image.
    const back = (await diff(pairs[0].after, pairs[0].before)).grouped;
    expect(names(back, 'removed')).toEqual(['intel-media-driver', 'libva']);
  });

  it('a path the store does not have is an error, not an empty diff', async () => {
    const r = await t.vm(['nix', 'store', 'diff-closures', '/run/current-system', `/nix/store/${'0'.repeat(32)}-nixos-system-x`]);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/is not valid/);
    expect((await t.vm(['nix', 'store', 'diff-closures', '/run/current-system', '/nix/var/nix/profiles/system-9-link'])).code).toBe(1);
  });
});

describe('nix path-info and nix --version', () => {
  it('closure sizes: plain, human and JSON agree', async () => {
    const plain = parsePathInfo((await t.vm(['nix', 'path-info', '-S', '/run/current-system'])).stdout);
    const human = parsePathInfo((await t.vm(['nix', 'path-info', '-S', '-h', '/run/current-system'])).stdout);
    const json = parsePathInfo((await t.vm(['nix', 'path-info', '-S', '--json', '/run/current-system'])).stdout);
    expect(plain).toHaveLength(1);
    expect(plain[0].path).toMatch(/^\/nix\/store\/\S+-nixos-system-mini-vm-/);
    expect(plain[0].closureBytes).toBeGreaterThan(700 * 1024 ** 2);
    expect(json[0]).toMatchObject({ path: plain[0].path, closureBytes: plain[0].closureBytes, valid: true });
    expect(Math.abs(human[0].closureBytes - plain[0].closureBytes)).toBeLessThan(0.1 * 1024 ** 2);
  });

  it('--version', async () => {
    expect((await t.vm(['nix', '--version'])).stdout).toBe('nix (Nix) 2.28.3\n');
  });
});

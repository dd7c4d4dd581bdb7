import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFlakeCheckout } from '../../lib/nix/flake-checkout';
import { readFlakeLock } from '../../lib/nix/flake-lock';
import { nixosVersionArgv, parseNixosVersion } from '../../lib/nix/nixos-version';
import { compareWithHead } from '../../lib/nix/revision';
import { parseGenerations } from '../../lib/rebuild/generations';
import { bumpVersion } from './control-nix.mjs';
import { createFlakeRepo } from './flake-repo.mjs';
import { useNixTestLab } from './nix-test-lab.mjs';

// The demo flake is a real checkout: the dashboard's readers see its commits not deployed and
// its uncommitted changes, and the lab's control routes change both.

const t = useNixTestLab();

const deployed = async () => parseNixosVersion((await t.vm(nixosVersionArgv)).stdout);

describe('the demo flake against the running system', () => {
  it('starts 3 commits ahead of the deployed revision, with uncommitted changes in 2 files', async () => {
    const v = await deployed();
    const state = (await t.post('/flake/state')).body;
    expect(v.revision).toEqual({ rev: state.revisions[3], short: state.revisions[3].slice(0, 7), dirty: false });
    expect(await compareWithHead(t.flakeDir, v.configurationRevision)).toMatchObject({ state: 'ok', notDeployed: 3, notInHead: 0 });
    const c = await readFlakeCheckout(t.flakeDir);
    expect(c).toMatchObject({ state: 'ok', changedFiles: 2, untrackedFiles: 0, dirty: true, head: { rev: state.head, subject: 'drop the Telegram bridge; pin jellyfin-ffmpeg 7.0.2-8' } });
    expect(Date.now() - c.head.committedAt).toBeGreaterThan(2.9 * 3600_000);
  });

  it('a commit through the lab is one more not deployed; a dirty tree, a clean one', async () => {
    const r = await t.post('/flake/commit', { package: 'caddy', subject: 'caddy: 2.10.1' });
    expect(r).toMatchObject({ status: 200, body: { ok: true, subject: 'caddy: 2.10.1' } });
    expect(await compareWithHead(t.flakeDir, (await deployed()).configurationRevision)).toMatchObject({ notDeployed: 4 });
    expect((await readFlakeCheckout(t.flakeDir)).head).toMatchObject({ rev: r.body.rev, subject: 'caddy: 2.10.1' });
    expect((await t.post('/flake/dirty', { files: 3 })).body.changedFiles).toBe(4);
    expect((await readFlakeCheckout(t.flakeDir)).changedFiles).toBe(4);
    await t.post('/flake/clean');
    expect(await readFlakeCheckout(t.flakeDir)).toMatchObject({ changedFiles: 0, dirty: false });
  });

  it('the next switch deploys HEAD with its uncommitted changes: revision <HEAD>-dirty, nothing left to deploy', async () => {
    const head = (await t.post('/flake/state')).body.head;
    const run = await t.vm(['nixos-rebuild', 'switch', '--flake', `${t.flakeDir}#mini-vm`]);
    expect(run.code).toBe(0);
    const gens = parseGenerations((await t.vm(['nixos-rebuild', 'list-generations', '--json'])).stdout);
    expect(gens[0]).toMatchObject({ generation: 44, current: true, configurationRevision: `${head}-dirty`, nixosVersion: '25.05.20250612.c2a0381' });
    expect(JSON.stringify(gens)).not.toContain('storePath');
    const v = await deployed();
    expect(v.revision).toMatchObject({ rev: head, dirty: true });
    expect(await compareWithHead(t.flakeDir, v.configurationRevision)).toMatchObject({ notDeployed: 0 });
    // The generation's system is the one nix build makes from the same tree.
    const built = await t.vm(['nix', 'build', '--no-link', '--print-out-paths', `${t.flakeDir}#nixosConfigurations.mini-vm.config.system.build.toplevel`]);
    expect((await t.vm(['readlink', '/nix/var/nix/profiles/system-44-link'])).stdout).toBe(built.stdout);
    // Switching to the same system again makes no new generation, as with nix-env --set.
    await t.vm(['nixos-rebuild', 'switch', '--flake', `${t.flakeDir}#mini-vm`]);
    expect(parseGenerations((await t.vm(['nixos-rebuild', 'list-generations', '--json'])).stdout)[0].generation).toBe(44);
  });

  it('a system without a revision: nixos-version leaves it out', async () => {
    expect((await t.post('/nix/configuration-revision', { value: null })).status).toBe(200);
    expect(JSON.parse((await t.vm(nixosVersionArgv)).stdout)).not.toHaveProperty('configurationRevision');
    expect(await compareWithHead(t.flakeDir, (await deployed()).configurationRevision)).toMatchObject({ state: 'no-revision' });
    expect((await t.vm(['nixos-version', '--configuration-revision'])).code).toBe(1);
  });

  it('flake.lock: nixpkgs recent, sops-nix stale', async () => {
    const { inputs } = await readFlakeLock(t.flakeDir);
    expect(inputs.map((i) => [i.name, i.stale])).toEqual([['nixpkgs', false], ['sops-nix', true]]);
    expect(inputs[1].ageDays).toBe(75);
  });
});

describe('control routes refuse what they do not know', () => {
  it('bad bodies are 400 with words; other paths are not theirs', async () => {
    expect((await t.post('/flake/commit', { package: 'nope' })).body.error).toMatch(/package must be one of/);
    expect((await t.post('/flake/commit', { subject: 'a\nb' })).status).toBe(400);
    expect((await t.post('/flake/dirty', { files: 9 })).status).toBe(400);
    expect((await t.post('/nix/configuration-revision', { value: '$(reboot)' })).status).toBe(400);
    expect((await t.post('/flake/nothing')).status).toBe(404);
  });

  it('bumpVersion', () => {
    expect(bumpVersion('2.10.0')).toBe('2.10.1');
    expect(bumpVersion('5.2p37')).toBe('5.2p38');
    expect(bumpVersion('7.0.2-9')).toBe('7.0.2-10');
    expect(bumpVersion('')).toBe('.1');
  });
});

describe('without git', () => {
  it('the flake is plain files, the lab says why, and the dashboard sees no checkout', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'no-git-')), 'flake');
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let repo;
    try {
      repo = createFlakeRepo(dir);
    } finally {
      process.env.PATH = saved;
    }
    expect(repo.problem).toMatch(/not a git checkout/);
    expect(repo.revisions).toHaveLength(7);
    expect(fs.existsSync(path.join(dir, 'flake.nix'))).toBe(true);
    expect(await readFlakeCheckout(dir)).toMatchObject({ state: 'not-a-checkout' });
    fs.rmSync(path.dirname(dir), { recursive: true });
  });
});

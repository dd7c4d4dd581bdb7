import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, git, initRepo, writeFiles } from '../../demo/lab/git.mjs';
import { gitArgv, gitEnv } from './git-run';
import { countStatus, readFlakeCheckout } from './flake-checkout';

let tmp: string;
const T1 = Date.UTC(2025, 5, 20, 21, 14, 0);
beforeAll(() => void (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flake-checkout-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function repo(name: string) {
  const dir = path.join(tmp, name);
  initRepo(dir);
  return dir;
}

describe('readFlakeCheckout (real git)', () => {
  it('reads HEAD: hash, subject and commit time, and a clean tree', async () => {
    const dir = repo('clean');
    commitFiles(dir, { 'flake.nix': '{ }\n' }, 'first', T1 - 1000_000);
    const rev = commitFiles(dir, { 'flake.nix': '{ outputs = _: { }; }\n' }, 'mini-vm: Jellyfin on 8096', T1);
    const c = await readFlakeCheckout(dir);
    expect(c).toEqual({
      dir, state: 'ok', head: { rev, short: rev.slice(0, 7), subject: 'mini-vm: Jellyfin on 8096', committedAt: T1 }, changedFiles: 0, untrackedFiles: 0, dirty: false,
    });
  });

  it('counts changed files (staged, unstaged, deleted) apart from untracked ones', async () => {
    const dir = repo('dirty');
    commitFiles(dir, { a: '1', b: '1', c: '1', 'd e': '1' }, 'files', T1);
    writeFiles(dir, { a: '2', c: null, new: 'x', 'sub/other': 'y' });
    fs.writeFileSync(path.join(dir, 'd e'), '2');
    git(dir, ['add', 'd e']);
    const c = await readFlakeCheckout(dir);
    expect(c).toMatchObject({ state: 'ok', changedFiles: 3, untrackedFiles: 2, dirty: true });
  });

  it('only untracked files: not dirty, as a git flake leaves them out', async () => {
    const dir = repo('untracked');
    commitFiles(dir, { a: '1' }, 'a', T1);
    writeFiles(dir, { scratch: 'x' });
    expect(await readFlakeCheckout(dir)).toMatchObject({ changedFiles: 0, untrackedFiles: 1, dirty: false });
  });

  it('a folder that is not a checkout, a missing one, one with no commits: reported, not thrown', async () => {
    const plain = path.join(tmp, 'plain');
    fs.mkdirSync(plain);
    // git looks upwards for a repository: keep it from finding one above the temp folder.
    const r = await readFlakeCheckout(plain);
    expect(['not-a-checkout']).toContain(r.state);
    expect(r.problem).toMatch(/not a git checkout/);
    expect(await readFlakeCheckout(path.join(tmp, 'nope'))).toMatchObject({ state: 'missing', problem: expect.stringMatching(/does not exist/) });
    expect(await readFlakeCheckout('relative/dir')).toMatchObject({ state: 'missing', problem: expect.stringMatching(/absolute/) });
    const file = path.join(tmp, 'a-file');
    fs.writeFileSync(file, '');
    expect((await readFlakeCheckout(file)).state).toBe('missing');
    const fresh = repo('fresh');
    writeFiles(fresh, { 'flake.nix': '{ }' });
    git(fresh, ['add', 'flake.nix']);
    expect(await readFlakeCheckout(fresh)).toMatchObject({ state: 'no-commits', changedFiles: 1, head: null });
  });

  it('GIT_DIR and friends in the environment cannot point it at another repository', async () => {
    const a = repo('env-a');
    const revA = commitFiles(a, { x: 'a' }, 'in a', T1);
    const b = repo('env-b');
    commitFiles(b, { x: 'b' }, 'in b', T1);
    const saved = { ...process.env };
    Object.assign(process.env, { GIT_DIR: path.join(b, '.git'), GIT_WORK_TREE: b, GIT_INDEX_FILE: path.join(b, '.git/index') });
    try {
      expect((await readFlakeCheckout(a)).head?.rev).toBe(revA);
    } finally {
      for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) if (!(k in saved)) delete process.env[k];
    }
  });

  it('a hostile subject is cleaned and capped', async () => {
    const dir = repo('hostile');
    commitFiles(dir, { a: '1' }, `\x1b[31mred\x1b[0m ${'x'.repeat(500)}`, T1);
    const s = (await readFlakeCheckout(dir)).head!.subject;
    expect(s.startsWith('red x')).toBe(true);
    expect(s.length).toBe(200);
  });

  it('a git that does not answer in time is an error in words', async () => {
    const dir = repo('slow');
    commitFiles(dir, { a: '1' }, 'a', T1);
    const slow = path.join(tmp, 'slow-git');
    fs.writeFileSync(slow, '#!/bin/sh\nexec sleep 5\n', { mode: 0o755 });
    const r = await readFlakeCheckout(dir, { bin: slow, timeoutMs: 300 });
    expect(r).toMatchObject({ state: 'error', problem: expect.stringMatching(/did not answer within 0.3 s/) });
  });
});

describe('helpers', () => {
  it('gitEnv drops every GIT_ variable and keeps the rest', () => {
    const env = gitEnv({ PATH: '/bin', GIT_DIR: '/x', git_work_tree: '/y', GIT_CONFIG_GLOBAL: '/z', HOME: '/h' } as unknown as NodeJS.ProcessEnv);
    expect(env).toEqual({ PATH: '/bin', HOME: '/h', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' });
  });

  it('gitArgv keeps the folder one argument, whatever it holds', () => {
    expect(gitArgv('/tmp/x; rm -rf /', ['status'])).toEqual(['-C', '/tmp/x; rm -rf /', '-c', 'core.fsmonitor=false', '--no-pager', 'status']);
  });

  it('countStatus', () => {
    expect(countStatus(' M a\nM  b\n?? c\nR  d -> e\n"?? x"\n')).toEqual({ changed: 4, untracked: 1 });
    expect(countStatus('')).toEqual({ changed: 0, untracked: 0 });
  });
});

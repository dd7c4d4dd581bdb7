import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, git, initRepo } from '../../demo/lab/git.mjs';
import { compareWithHead, parseRevision } from './revision';

describe('parseRevision', () => {
  it('takes full and abbreviated hashes, and the -dirty form of self.dirtyRev', () => {
    const full = 'a41c9e2b7d03b18e5f2a90c1d2e3f4a5b6c7d8e9';
    expect(parseRevision(full)).toEqual({ rev: full, short: 'a41c9e2', dirty: false });
    expect(parseRevision(`${full}-dirty`)).toEqual({ rev: full, short: 'a41c9e2', dirty: true });
    expect(parseRevision(' A41C9E2 ')).toEqual({ rev: 'a41c9e2', short: 'a41c9e2', dirty: false });
  });

  it('refuses anything that could be more than a hash on a command line', () => {
    for (const bad of ['', null, undefined, 'dirty', 'HEAD', 'main', '--all', 'a41c9e', 'a41c9e2..HEAD', 'a41c9e2 --exec', 'g41c9e2', '-dirty', 'a'.repeat(65)]) {
      expect(parseRevision(bad)).toBeNull();
    }
  });
});

describe('compareWithHead (real git)', () => {
  let tmp: string;
  let dir: string;
  const revs: string[] = [];
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'revision-'));
    dir = path.join(tmp, 'flake');
    initRepo(dir);
    for (let i = 0; i < 5; i++) revs.push(commitFiles(dir, { 'flake.nix': `# ${i}\n` }, `commit ${i}`, Date.UTC(2025, 5, 1 + i)));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('counts the commits on HEAD that the deployed revision lacks', async () => {
    expect(await compareWithHead(dir, revs[1])).toMatchObject({ state: 'ok', notDeployed: 3, notInHead: 0, deployed: { rev: revs[1], dirty: false } });
    expect(await compareWithHead(dir, revs[4])).toMatchObject({ state: 'ok', notDeployed: 0, notInHead: 0 });
    expect(await compareWithHead(dir, revs[2].slice(0, 12))).toMatchObject({ state: 'ok', notDeployed: 2 });
  });

  it('a dirty revision is compared by its commit and stays marked dirty', async () => {
    expect(await compareWithHead(dir, `${revs[3]}-dirty`)).toMatchObject({ state: 'ok', notDeployed: 1, deployed: { dirty: true } });
  });

  it('a revision deployed from another branch counts both ways', async () => {
    git(dir, ['checkout', '-q', '-b', 'side', revs[2]]);
    const side = commitFiles(dir, { other: 'x' }, 'on a side branch', Date.UTC(2025, 5, 10));
    git(dir, ['checkout', '-q', 'main']);
    expect(await compareWithHead(dir, side)).toMatchObject({ state: 'ok', notInHead: 1, notDeployed: 2 });
  });

  it('no revision, a non-hash, an unknown commit, a folder without git: each a state with words', async () => {
    expect(await compareWithHead(dir, undefined)).toMatchObject({ state: 'no-revision', problem: expect.stringMatching(/does not say/) });
    expect(await compareWithHead(dir, 'dirty')).toMatchObject({ state: 'no-revision', problem: expect.stringMatching(/not a commit hash/) });
    expect(await compareWithHead(dir, 'deadbeef'.repeat(5))).toMatchObject({ state: 'unknown-revision', problem: expect.stringMatching(/deadbee is not in the checkout/) });
    const plain = path.join(tmp, 'plain');
    fs.mkdirSync(plain);
    expect(await compareWithHead(plain, revs[0])).toMatchObject({ state: 'not-a-checkout' });
  });
});

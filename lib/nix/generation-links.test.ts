import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseClosureDiff } from './closure-diff';
import { CLOSURE_DIFFS_DDL, getClosureDiff } from './closure-diff-store';
import { generationDiffs, generationPairs, parseProfileLinks, profileLink, readlinkArgv, type ComputeDiff } from './generation-links';

const sp = (n: number) => `/nix/store/${String(n).padStart(32, 'a')}-nixos-system-mini-vm-25.05`;

describe('profile links', () => {
  it('names generation N and reads all links with one readlink', () => {
    expect(profileLink(43)).toBe('/nix/var/nix/profiles/system-43-link');
    expect(readlinkArgv([44, 43])).toEqual(['readlink', '/nix/var/nix/profiles/system-44-link', '/nix/var/nix/profiles/system-43-link']);
    for (const bad of [0, -1, 1.5, NaN, 1e12]) expect(() => profileLink(bad)).toThrow();
  });

  it('matches the lines to the generations only when every link answered', () => {
    expect(parseProfileLinks([44, 43], `${sp(44)}\n${sp(43)}\n`)).toEqual({ links: new Map([[44, sp(44)], [43, sp(43)]]) });
    expect(parseProfileLinks([44, 43], `${sp(44)}\n`)).toEqual({ problem: expect.stringMatching(/answered for 1 of 2/) });
    expect(parseProfileLinks([44], '/etc/passwd\n')).toEqual({ problem: expect.stringMatching(/outside the store/) });
  });

  it('pairs each generation with the one before it, across gaps a collection left', () => {
    const pairs = generationPairs(new Map([[40, sp(40)], [44, sp(44)], [43, sp(43)], [41, sp(41)]]));
    expect(pairs.map((p) => [p.from, p.to])).toEqual([[43, 44], [41, 43], [40, 41]]);
    expect(pairs[0]).toMatchObject({ before: sp(43), after: sp(44) });
    expect(generationPairs(new Map([[1, sp(1)]]))).toEqual([]);
  });
});

describe('generationDiffs', () => {
  const db = () => {
    const d = new Database(':memory:');
    d.exec(CLOSURE_DIFFS_DDL);
    return d;
  };
  const pairs = generationPairs(new Map([1, 2, 3, 4, 5].map((n) => [n, sp(n)])));
  const computer = () => {
    const calls: string[] = [];
    const compute: ComputeDiff = async (before, after) => {
      calls.push(`${before.slice(11, 13)}>${after.slice(11, 13)}`);
      return { lines: parseClosureDiff(`etc: +${calls.length}.0 KiB`) };
    };
    return { calls, compute };
  };

  it('computes each pair once and answers from the store after', async () => {
    const d = db();
    const c = computer();
    const first = await generationDiffs(d, pairs, c.compute);
    expect(first.map((p) => p.cached)).toEqual([false, false, false, false]);
    expect(c.calls).toHaveLength(4);
    const again = await generationDiffs(d, pairs, c.compute);
    expect(again.map((p) => p.cached)).toEqual([true, true, true, true]);
    expect(again.map((p) => p.lines)).toEqual(first.map((p) => p.lines));
    expect(c.calls).toHaveLength(4);
  });

  it('computes at most maxNew per call; the rest wait, null', async () => {
    const d = db();
    const c = computer();
    const r = await generationDiffs(d, pairs, c.compute, 2);
    expect(r.map((p) => p.lines === null)).toEqual([false, false, true, true]);
    await generationDiffs(d, pairs, c.compute, 2);
    expect(c.calls).toHaveLength(4);
  });

  it('a failure is reported on its pair and not kept; identical paths need no call', async () => {
    const d = db();
    let n = 0;
    const r = await generationDiffs(d, [...pairs.slice(0, 1), { from: 6, to: 7, before: sp(6), after: sp(6) }], async () => (n++, { problem: 'nix was not found' }));
    expect(r[0]).toMatchObject({ lines: null, problem: 'nix was not found' });
    expect(r[1]).toMatchObject({ lines: [], cached: true });
    expect(n).toBe(1);
    expect(getClosureDiff(d, pairs[0].before, pairs[0].after)).toBeNull();
  });

  it('without a database it still computes', async () => {
    const c = computer();
    expect((await generationDiffs(null, pairs.slice(0, 1), c.compute))[0].lines).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { changeKind, diffClosuresArgv, groupClosureDiff, MAX_NAME, parseClosureDiff, parseClosureDiffRow, parseProfileClosureDiffs, type ClosureDiffRow } from './closure-diff';

const KiB = 1024;
const red = (s: string) => `\x1b[31;1m${s}\x1b[0m`;
const green = (s: string) => `\x1b[32;1m${s}\x1b[0m`;

// The sample in reference/nixos.md §10, with the colours Nix 2.8 printed into a pipe.
const sample = [
  `caddy: ∅ → 2.10.0, ${red('+151.0 KiB')}`,
  `etc: ${red('+12.0 KiB')}`,
  `jellyfin: 10.10.6 → 10.10.7, ${red('+160.0 KiB')}`,
  'matrix-synapse: 1.129.0 → 1.131.0',
  `mautrix-telegram: 0.15.2 → ∅, ${green('-91.1 KiB')}`,
  `python3: 3.12.10 → 3.11.12, 3.13.3, ${red('+401.1 KiB')}`,
  `jellyfin-ffmpeg: 7.0.2-9 → 7.0.2-8, ${green('-1.2 MiB')}`,
  '',
].join('\n');

describe('parseClosureDiffRow', () => {
  it('reads upgrades, additions, removals and size-only lines', () => {
    expect(parseClosureDiffRow('jellyfin: 10.10.6 → 10.10.7, +160.0 KiB')).toEqual({ name: 'jellyfin', before: ['10.10.6'], after: ['10.10.7'], sizeDeltaBytes: 160 * KiB });
    expect(parseClosureDiffRow('caddy: ∅ → 2.10.0, +151.0 KiB')).toEqual({ name: 'caddy', before: [], after: ['2.10.0'], sizeDeltaBytes: 151 * KiB });
    expect(parseClosureDiffRow('mautrix-telegram: 0.15.2 → ∅, -91.1 KiB')).toMatchObject({ before: ['0.15.2'], after: [], sizeDeltaBytes: -Math.round(91.1 * KiB) });
    expect(parseClosureDiffRow('etc: +12.0 KiB')).toEqual({ name: 'etc', before: [], after: [], sizeDeltaBytes: 12 * KiB });
  });

  it('a line without a size has a null delta', () => {
    expect(parseClosureDiffRow('matrix-synapse: 1.129.0 → 1.131.0')).toEqual({ name: 'matrix-synapse', before: ['1.129.0'], after: ['1.131.0'], sizeDeltaBytes: null });
  });

  it('ε is an empty version; several versions on a side are split after the size comes off', () => {
    expect(parseClosureDiffRow('source: ε → ∅, -1.5 MiB')).toEqual({ name: 'source', before: [''], after: [], sizeDeltaBytes: -1.5 * 1024 * KiB });
    expect(parseClosureDiffRow('python3: 3.12.10 → 3.11.12, 3.13.3, +401.1 KiB')).toMatchObject({ before: ['3.12.10'], after: ['3.11.12', '3.13.3'] });
    expect(parseClosureDiffRow('perl: 5.38.2, 5.40.0 → 5.40.2')).toMatchObject({ before: ['5.38.2', '5.40.0'], after: ['5.40.2'], sizeDeltaBytes: null });
  });

  it('takes KiB, MiB, GiB and B, with either sign, and the ASCII arrow', () => {
    expect(parseClosureDiffRow('linux: 6.12.30 -> 6.12.31, +2.5 GiB')?.sizeDeltaBytes).toBe(2.5 * 1024 ** 3);
    expect(parseClosureDiffRow('x: 1 → 2, -3 B')?.sizeDeltaBytes).toBe(-3);
    expect(parseClosureDiffRow('x: 1 → 2, -0.0 KiB')?.sizeDeltaBytes).toBe(-0);
    expect(parseClosureDiffRow('x: 1 → 2, +1.0 TiB')?.sizeDeltaBytes).toBe(1024 ** 4);
  });

  it('a version that looks like a size stays a version', () => {
    expect(parseClosureDiffRow('model: 7B → 13B')).toEqual({ name: 'model', before: ['7B'], after: ['13B'], sizeDeltaBytes: null });
    expect(parseClosureDiffRow('thing: 5M → 6M')).toMatchObject({ before: ['5M'], after: ['6M'] });
  });

  it('is not fooled by lines of other shapes', () => {
    for (const l of ['', 'error: path is not valid', 'Version 41 -> 42:', 'x: 1 → 2 → 3', 'x: 1 →', 'x:  → 2', 'warning: something odd', 'x: hello world']) {
      expect(parseClosureDiffRow(l)).toBeNull();
    }
  });
});

describe('parseClosureDiff', () => {
  it('reads the reference sample with its colour codes', () => {
    const lines = parseClosureDiff(sample);
    expect(lines).toHaveLength(7);
    expect(lines.every((l) => !('raw' in l))).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('\x1b');
  });

  it('an empty diff is an empty result', () => {
    expect(parseClosureDiff('')).toEqual([]);
    expect(parseClosureDiff('\n\n  \n')).toEqual([]);
    expect(groupClosureDiff([]).empty).toBe(true);
  });

  it('keeps an unknown line raw, in its place', () => {
    const lines = parseClosureDiff(`jellyfin: 1 → 2\nwarning: \x1b[35;1msomething\x1b[0m new\netc: +9.0 KiB`);
    expect(lines[1]).toEqual({ raw: 'warning: something new' });
    expect(lines).toHaveLength(3);
    expect(groupClosureDiff(lines).empty).toBe(false);
  });

  it('hostile names: ANSI and control codes go, slashes stay text, long names are capped', () => {
    const [a, b, c] = parseClosureDiff(
      [`\x1b]8;;http://x\x07evil\x1b[2J\x00: 1 → 2`, '../../etc/passwd: ∅ → 1.0, +9.0 KiB', `${'n'.repeat(10_000)}: 1 → 2, +8.0 KiB`].join('\n'),
    ) as ClosureDiffRow[];
    expect(a.name).not.toMatch(/[\x00-\x1f]/);
    expect(a.name).toContain('evil');
    expect(b).toMatchObject({ name: '../../etc/passwd', after: ['1.0'] });
    expect(c.name.length).toBe(MAX_NAME);
    expect(c.name.endsWith('…')).toBe(true);
    expect(c.sizeDeltaBytes).toBe(8 * KiB);
  });

  it('a raw line is capped too, and a flood is cut with a note', () => {
    const [r] = parseClosureDiff('?'.repeat(5000));
    expect('raw' in r && r.raw.length).toBeLessThanOrEqual(300);
    const many = parseClosureDiff(Array.from({ length: 6000 }, (_, i) => `p${i}: 1 → 2`).join('\n'));
    expect(many).toHaveLength(5001);
    expect(many[5000]).toEqual({ raw: '… 1000 more lines not read' });
  });
});

describe('groups', () => {
  it('sorts the sample into upgraded, downgraded, added, removed and size-only', () => {
    const g = groupClosureDiff(parseClosureDiff(sample));
    const names = (k: keyof typeof g.groups) => g.groups[k].map((r) => r.name);
    expect(names('upgraded')).toEqual(['jellyfin', 'matrix-synapse', 'python3']);
    expect(names('downgraded')).toEqual(['jellyfin-ffmpeg']);
    expect(names('added')).toEqual(['caddy']);
    expect(names('removed')).toEqual(['mautrix-telegram']);
    expect(names('size-only')).toEqual(['etc']);
    expect(g.rowCount).toBe(7);
    expect(g.sizeDeltaBytes).toBe([151, 12, 160, -91.1, 401.1].reduce((s, k) => s + Math.round(k * KiB), 0) - Math.round(1.2 * 1024 * KiB));
  });

  it('versions compare in Nix order; equal-ranked but different versions are "changed"', () => {
    const row = (before: string[], after: string[]): ClosureDiffRow => ({ name: 'x', before, after, sizeDeltaBytes: null });
    expect(changeKind(row(['10.10.10'], ['10.10.9']))).toBe('downgraded');
    expect(changeKind(row(['2.3pre1'], ['2.3']))).toBe('upgraded');
    expect(changeKind(row([''], ['1.0']))).toBe('upgraded');
    expect(changeKind(row(['1-0'], ['1.0']))).toBe('changed');
  });
});

describe('nix profile diff-closures', () => {
  it('splits at its Version headers', () => {
    const text = 'Version 41 -> 42:\n  jellyfin: 10.10.5 -> 10.10.6, +1.0 KiB\n  etc: +12.0 KiB\n\nVersion 42 -> 43:\n  caddy: ∅ -> 2.10.0, +151.0 KiB\n';
    const d = parseProfileClosureDiffs(text);
    expect(d.map((x) => [x.from, x.to, x.lines.length])).toEqual([
      [41, 42, 2],
      [42, 43, 1],
    ]);
    expect(d[1].lines[0]).toMatchObject({ name: 'caddy', before: [], after: ['2.10.0'] });
  });

  it('keeps lines before the first header, and a header with nothing under it', () => {
    const d = parseProfileClosureDiffs('odd line\nVersion 1 -> 2:\n');
    expect(d).toEqual([
      { from: null, to: null, lines: [{ raw: 'odd line' }] },
      { from: 1, to: 2, lines: [] },
    ]);
  });
});

describe('diffClosuresArgv', () => {
  it('passes the experimental flag and the two paths as their own arguments', () => {
    expect(diffClosuresArgv('/run/current-system', '/nix/var/nix/profiles/system-44-link')).toEqual([
      'nix', '--extra-experimental-features', 'nix-command', 'store', 'diff-closures', '/run/current-system', '/nix/var/nix/profiles/system-44-link',
    ]);
  });

  it('refuses anything that is not a store path or a system link', () => {
    for (const p of ['--help', '/etc/passwd', '/nix/store/short-x', '/nix/store/0123456789abcdfghijklmnpqrsvwxyz-x; rm -rf /', '/nix/var/nix/profiles/system-0-link', '']) {
      expect(() => diffClosuresArgv(p, '/run/current-system')).toThrow(/not a store path/);
    }
    expect(diffClosuresArgv('/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system-mini-vm-25.05', '/run/booted-system')).toHaveLength(7);
  });
});

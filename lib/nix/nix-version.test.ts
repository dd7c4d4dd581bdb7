import { describe, expect, it } from 'vitest';
import { compareNixVersions, newestVersion, versionComponents } from './nix-version';

describe('versionComponents', () => {
  it('splits at dots and dashes, and between digits and letters', () => {
    expect(versionComponents('2.3pre12')).toEqual(['2', '3', 'pre', '12']);
    expect(versionComponents('7.0.2-9')).toEqual(['7', '0', '2', '9']);
    expect(versionComponents('5.2p37')).toEqual(['5', '2', 'p', '37']);
    expect(versionComponents('25.05.20250601.98ff3f9')).toEqual(['25', '05', '20250601', '98', 'ff', '3', 'f', '9']);
    expect(versionComponents('')).toEqual([]);
    expect(versionComponents('..-')).toEqual([]);
  });
});

describe('compareNixVersions (the cases Nix itself tests)', () => {
  const cases: [string, string, number][] = [
    ['1.0', '2.3', -1],
    ['2.1', '2.3', -1],
    ['2.3', '2.3', 0],
    ['2.5', '2.3', 1],
    ['3.1', '2.3', 1],
    ['2.3.1', '2.3', 1],
    ['2.3.1', '2.3a', 1],
    ['2.3pre1', '2.3', -1],
    ['2.3pre3', '2.3pre12', -1],
    ['2.3a', '2.3c', -1],
    ['2.3pre1', '2.3c', -1],
    ['2.3pre1', '2.3q', -1],
  ];
  it.each(cases)('%s vs %s → %i', (a, b, want) => {
    expect(compareNixVersions(a, b)).toBe(want);
    expect(compareNixVersions(b, a)).toBe(-want || 0);
  });

  it('compares numbers as numbers, not as text', () => {
    expect(compareNixVersions('10.10.7', '10.10.10')).toBe(-1);
    expect(compareNixVersions('1.131.0', '1.129.0')).toBe(1);
    expect(compareNixVersions('7.0.2-8', '7.0.2-9')).toBe(-1);
    expect(compareNixVersions('007', '7')).toBe(0);
  });

  it('treats the empty version (ε) as older than any numbered one', () => {
    expect(compareNixVersions('', '1')).toBe(-1);
    expect(compareNixVersions('1.0', '1.0.0')).toBe(-1);
    expect(compareNixVersions('1-0', '1.0')).toBe(0);
  });

  it('like Nix, a number too big for an int is not a number: older than any number, text against text', () => {
    expect(compareNixVersions('99999999999', '3')).toBe(-1);
    expect(compareNixVersions('99999999999', '100000000000')).toBe(1);
  });
});

describe('newestVersion', () => {
  it('picks the newest in Nix order', () => {
    expect(newestVersion(['3.11.12', '3.13.3', '3.12.10'])).toBe('3.13.3');
    expect(newestVersion([])).toBeUndefined();
  });
});

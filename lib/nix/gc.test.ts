import { describe, expect, it } from 'vitest';
import { parseGenerations } from '../rebuild/generations';
import { gcArgv, generationsRemovedBy, generationTime, parseGcSummary, parseOlderThanDays } from './gc';

const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2025, 6, 1, 12, 0, 0);
const iso = (t: number) => new Date(t).toISOString().replace(/\.\d+Z$/, 'Z');

/** list-generations --json as nixos-rebuild prints it (newest first), read by the real parser. */
function gens(spec: [number, number, boolean?][]) {
  return parseGenerations(
    JSON.stringify(
      spec.map(([generation, ageDays, current]) => ({
        generation, date: iso(NOW - ageDays * DAY), nixosVersion: '25.05', kernelVersion: 'Unknown', configurationRevision: '', specialisations: [], current: !!current,
      })),
    ),
  );
}
const numbers = (list: { generation: number }[]) => list.map((g) => g.generation);

describe('the summary line', () => {
  it('reads paths and bytes freed, in any unit', () => {
    expect(parseGcSummary('14 store paths deleted, 0.58 MiB freed\n')).toEqual({ paths: 14, freedBytes: Math.round(0.58 * 1024 ** 2) });
    expect(parseGcSummary('0 store paths deleted, 0.00 MiB freed')).toEqual({ paths: 0, freedBytes: 0 });
    expect(parseGcSummary('3113 store paths deleted, 4.52 GiB freed')).toEqual({ paths: 3113, freedBytes: Math.round(4.52 * 1024 ** 3) });
    expect(parseGcSummary('1 store path deleted, 512 B freed')).toEqual({ paths: 1, freedBytes: 512 });
  });

  it('finds it among progress lines and colour codes, the last one winning', () => {
    const log = [
      'removing old generations of profile /nix/var/nix/profiles/system',
      'removing profile version 41',
      "deleting '/nix/store/0z0hwjign6irmnmnivwhznrv1jlqhpii-jellyfin-10.10.5'",
      '1 store paths deleted, 1.00 MiB freed',
      'deleting unused links...',
      'note: currently hard linking saves 212.34 MiB',
      '\x1b[1m14 store paths deleted, 0.58 MiB freed\x1b[0m',
    ].join('\n');
    expect(parseGcSummary(log)).toEqual({ paths: 14, freedBytes: Math.round(0.58 * 1024 ** 2) });
  });

  it('is null without a summary', () => {
    expect(parseGcSummary('')).toBeNull();
    expect(parseGcSummary("error: opening lock file '/nix/var/nix/gc.lock': Permission denied")).toBeNull();
    expect(parseGcSummary('x store paths deleted, lots freed')).toBeNull();
  });
});

describe('the cutoff', () => {
  it('takes whole days from 1 to 3650, as numbers or digit strings', () => {
    expect(parseOlderThanDays(30)).toBe(30);
    expect(parseOlderThanDays('7')).toBe(7);
    for (const bad of [0, -1, 3651, 1.5, NaN, '30d', '1e3', '', null, undefined, {}, '3 0', '--help']) expect(parseOlderThanDays(bad)).toBeNull();
  });

  it('builds the argv only for a valid cutoff', () => {
    expect(gcArgv(30)).toEqual(['nix-collect-garbage', '--delete-older-than', '30d']);
    expect(() => gcArgv(0)).toThrow(/1 to 3650/);
    expect(() => gcArgv(Number('1; rm -rf /'))).toThrow();
  });
});

describe('generationTime', () => {
  it('reads the nix-env form as local time and ISO-8601 with its zone', () => {
    expect(generationTime('2025-06-20 21:14:00')).toBe(new Date(2025, 5, 20, 21, 14, 0).getTime());
    expect(generationTime('2025-06-20T21:14:00Z')).toBe(Date.UTC(2025, 5, 20, 21, 14, 0));
    expect(generationTime('2025-06-20T21:14:00.123+02:00')).toBe(Date.UTC(2025, 5, 20, 19, 14, 0, 123));
    expect(generationTime('2025-06-20T21:14:00+0200')).toBe(Date.UTC(2025, 5, 20, 19, 14, 0));
    for (const bad of ['', 'yesterday', '2025-06-20', '2025-13-45 99:99:99x', '2025-13-01 10:00:00', '2025-06-20 24:00:00']) expect(generationTime(bad)).toBeNull();
  });
});

describe('which generations a cutoff removes (Nix 2.28 rule)', () => {
  it('keeps the newest generation older than the cutoff and removes the older ones', () => {
    const plan = generationsRemovedBy(gens([[44, 1, true], [43, 10], [42, 40], [41, 50], [40, 60]]), 30, NOW);
    expect(numbers(plan.removes)).toEqual([41, 40]);
    expect(numbers(plan.keeps)).toEqual([44, 43, 42]);
    expect(plan.cutoff).toBe(NOW - 30 * DAY);
  });

  it('nothing older than the cutoff, or only one: nothing goes', () => {
    expect(generationsRemovedBy(gens([[44, 1, true], [43, 10]]), 30, NOW).removes).toEqual([]);
    expect(generationsRemovedBy(gens([[44, 1, true], [43, 40]]), 30, NOW).removes).toEqual([]);
  });

  it('a current generation older than the cutoff is the one kept', () => {
    expect(numbers(generationsRemovedBy(gens([[43, 40, true], [42, 50], [41, 60]]), 30, NOW).removes)).toEqual([42, 41]);
  });

  it('never removes the current generation, even after a rollback below the kept one', () => {
    const plan = generationsRemovedBy(gens([[45, 35], [44, 38], [43, 40, true], [42, 50]]), 30, NOW);
    expect(numbers(plan.removes)).toEqual([44, 42]);
    expect(numbers(plan.keeps)).toEqual([45, 43]);
  });

  it('is exact at the boundary: only strictly older counts as old', () => {
    const list = gens([[3, 0, true], [2, 30], [1, 31]]);
    expect(numbers(generationsRemovedBy(list, 30, NOW).removes)).toEqual([]);
    expect(numbers(generationsRemovedBy(list, 30, NOW + 1000).removes)).toEqual([1]);
  });

  it('a generation without a readable date is in neither list', () => {
    const list = parseGenerations(JSON.stringify([{ generation: 9, date: 'someday', current: true }, ...JSON.parse(JSON.stringify(gens([[8, 40], [7, 50]])))]));
    const plan = generationsRemovedBy(list, 30, NOW);
    expect(numbers(plan.undated)).toEqual([9]);
    expect(numbers(plan.removes)).toEqual([7]);
  });
});

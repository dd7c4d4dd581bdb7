import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseClosureDiff } from './closure-diff';
import { CLOSURE_DIFFS_DDL, getClosureDiff, getClosureDiffs, pairKey, putClosureDiff } from './closure-diff-store';

const sp = (n: number) => `/nix/store/${String(n).padStart(32, '0')}-nixos-system-mini-vm-25.05`;
const lines = parseClosureDiff('jellyfin: 10.10.6 → 10.10.7, +160.0 KiB\nodd line\netc: +12.0 KiB');

function memoryDb() {
  const db = new Database(':memory:');
  db.exec(CLOSURE_DIFFS_DDL);
  return db;
}

describe('closure diff store', () => {
  it('keeps a diff by its two store paths and gives it back as it was', () => {
    const db = memoryDb();
    expect(getClosureDiff(db, sp(1), sp(2))).toBeNull();
    expect(putClosureDiff(db, sp(1), sp(2), lines)).toBe(true);
    expect(getClosureDiff(db, sp(1), sp(2))).toEqual(lines);
    // Direction matters: the diff from 2 to 1 is another one.
    expect(getClosureDiff(db, sp(2), sp(1))).toBeNull();
    expect(putClosureDiff(db, sp(1), sp(2), [])).toBe(true);
    expect(getClosureDiff(db, sp(1), sp(2))).toEqual([]);
  });

  it('refuses keys that are not store paths: links move, so their diffs cannot be kept', () => {
    const db = memoryDb();
    expect(putClosureDiff(db, '/run/current-system', sp(2), lines)).toBe(false);
    expect(putClosureDiff(db, sp(1), '/nix/var/nix/profiles/system-44-link', lines)).toBe(false);
    expect(db.prepare('SELECT count(*) AS n FROM closure_diffs').get()).toEqual({ n: 0 });
  });

  it('looks many pairs up at once', () => {
    const db = memoryDb();
    for (let i = 1; i < 100; i++) putClosureDiff(db, sp(i), sp(i + 1), lines, i);
    const pairs = Array.from({ length: 100 }, (_, i) => ({ before: sp(i + 1), after: sp(i + 2) }));
    const got = getClosureDiffs(db, pairs);
    expect(got.size).toBe(99);
    expect(got.get(pairKey(pairs[0]))).toEqual(lines);
    expect(got.has(pairKey(pairs[99]))).toBe(false);
  });

  it('holds no more than the bound, dropping the oldest computed', () => {
    const db = memoryDb();
    for (let i = 1; i <= 30; i++) putClosureDiff(db, sp(i), sp(i + 1), lines, 1000 + i, 10);
    expect(db.prepare('SELECT count(*) AS n FROM closure_diffs').get()).toEqual({ n: 10 });
    expect(getClosureDiff(db, sp(20), sp(21))).toBeNull();
    expect(getClosureDiff(db, sp(21), sp(22))).toEqual(lines);
  });

  it('cuts a huge diff with a note instead of storing megabytes', () => {
    const db = memoryDb();
    const big = Array.from({ length: 20_000 }, (_, i) => ({ name: `p${i}`, before: ['1.0'], after: ['2.0'], sizeDeltaBytes: 1 }));
    putClosureDiff(db, sp(1), sp(2), big);
    const back = getClosureDiff(db, sp(1), sp(2))!;
    expect(back.length).toBeLessThan(20_000);
    expect(back[back.length - 1]).toEqual({ raw: expect.stringMatching(/^… \d+ more lines not kept$/) });
    expect(JSON.stringify(back).length).toBeLessThanOrEqual(256 * 1024);
  });

  it('survives a reopen of a file database, and a corrupt row reads as missing', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'diffs-')), 'd.sqlite');
    let db = new Database(file);
    db.exec(CLOSURE_DIFFS_DDL);
    putClosureDiff(db, sp(1), sp(2), lines);
    db.prepare('INSERT INTO closure_diffs VALUES (?, ?, ?, ?)').run(sp(3), sp(4), '{not json', 1);
    db.close();
    db = new Database(file);
    db.exec(CLOSURE_DIFFS_DDL);
    expect(getClosureDiff(db, sp(1), sp(2))).toEqual(lines);
    expect(getClosureDiff(db, sp(3), sp(4))).toBeNull();
    db.close();
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('a closed database is an empty answer and a false write, not a throw', () => {
    const db = memoryDb();
    db.close();
    expect(getClosureDiffs(db, [{ before: sp(1), after: sp(2) }]).size).toBe(0);
    expect(putClosureDiff(db, sp(1), sp(2), lines)).toBe(false);
  });
});

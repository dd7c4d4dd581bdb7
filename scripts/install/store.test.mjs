import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backup, MANIFEST, StoreError, tableCounts } from './store-archive.mjs';
import { restoreInto } from './store-restore.mjs';

const dirs = [];
function tmp() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'mvd-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A data directory as the server leaves it: a WAL store with rows, a rebuild log, the session key. */
function dataDir() {
  const dir = path.join(tmp(), 'data');
  fs.mkdirSync(path.join(dir, 'jobs'), { recursive: true });
  const db = new Database(path.join(dir, 'dashboard.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE samples (t INTEGER, v TEXT)');
  const put = db.prepare('INSERT INTO samples VALUES (?, ?)');
  for (let i = 0; i < 500; i++) put.run(i, `row ${i}`);
  db.close();
  fs.writeFileSync(path.join(dir, 'jobs/abcdefgh-0123abcd.log'), '2026-01-01T00:00:00.000Z building\n');
  fs.writeFileSync(path.join(dir, 'session-secret'), 'ab'.repeat(32), { mode: 0o600 });
  return dir;
}

function tarOf(files) {
  const src = tmp();
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    if (typeof content === 'object') fs.symlinkSync(content.link, path.join(src, name));
    else fs.writeFileSync(path.join(src, name), content);
  }
  const file = path.join(tmp(), 'x.tar.gz');
  expect(spawnSync('tar', ['-czf', file, '-C', src, '.']).status).toBe(0);
  return file;
}

describe('backup and restore', () => {
  it('round-trips the store, the logs and the session key into a fresh directory', async () => {
    const from = dataDir();
    const file = path.join(tmp(), 'b.tar.gz');
    const m = await backup(from, file);
    expect(m.tables).toEqual({ samples: 500 });
    expect(m.files.sort()).toEqual(['dashboard.sqlite', 'jobs', 'session-secret']);
    const to = path.join(tmp(), 'new/data');
    const r = restoreInto(file, to);
    expect(r.tables).toEqual({ samples: 500 });
    expect(fs.readdirSync(to).sort()).toEqual(['dashboard.sqlite', 'jobs', 'session-secret']);
    expect(fs.statSync(path.join(to, 'session-secret')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(to, 'jobs/abcdefgh-0123abcd.log'), 'utf8')).toContain('building');
  });

  it('moves existing data aside only with force, and never deletes it', async () => {
    const from = dataDir();
    const file = path.join(tmp(), 'b.tar.gz');
    await backup(from, file);
    expect(() => restoreInto(file, from)).toThrow(/already holds data. Run again with --force/);
    const r = restoreInto(file, from, { force: true });
    expect(tableCounts(path.join(r.keptAs, 'dashboard.sqlite'))).toEqual({ samples: 500 });
    expect(tableCounts(path.join(from, 'dashboard.sqlite'))).toEqual({ samples: 500 });
  });

  it('refuses a folder that holds no store', async () => {
    await expect(backup(tmp(), path.join(tmp(), 'b.tar.gz'))).rejects.toThrow(/no store at/);
  });

  it.each([
    ['a file that is no archive', () => { const f = path.join(tmp(), 'g.tar.gz'); fs.writeFileSync(f, 'garbage'); return f; }, /tar \(reading the archive\) failed/],
    ['an archive without a manifest', () => tarOf({ 'dashboard.sqlite': 'x' }), /is not a dashboard backup/],
    ['an archive of another kind', () => tarOf({ [MANIFEST]: '{"format":"other"}' }), /is not a dashboard backup \(format other\)/],
    ['a store that is not SQLite', () => tarOf({ [MANIFEST]: '{"format":"mini-vm-dashboard-backup"}', 'dashboard.sqlite': 'not a database' }), /cannot be opened|damaged/],
    ['a symbolic link', () => tarOf({ [MANIFEST]: '{"format":"mini-vm-dashboard-backup"}', 'session-secret': { link: '/etc/passwd' } }), /symbolic link/],
  ])('refuses %s and leaves the target alone', (_, make, message) => {
    const to = path.join(tmp(), 'data');
    expect(() => restoreInto(make(), to)).toThrow(StoreError);
    expect(() => restoreInto(make(), to)).toThrow(message);
    expect(fs.existsSync(to)).toBe(false);
    expect(fs.readdirSync(path.dirname(to))).toEqual([]);
  });
});

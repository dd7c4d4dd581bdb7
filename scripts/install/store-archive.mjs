// Backups of the data directory: the SQLite store copied with SQLite's online backup (consistent
// while the server writes), plus everything else in the folder (rebuild logs, session key), in one
// .tar.gz with a manifest. The system tar makes and reads it (bsdtar on macOS, GNU tar on Linux).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PID_FILE } from '../../lib/server-lock.mjs';

export const STORE = 'dashboard.sqlite';
export const MANIFEST = 'backup-manifest.json';
const FORMAT = 'mini-vm-dashboard-backup';

export class StoreError extends Error {}

/** Rows per table: what a backup holds, and what a restore must bring back. */
export function tableCounts(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    return Object.fromEntries(names.map((n) => [n, db.prepare(`SELECT count(*) FROM "${n.replace(/"/g, '""')}"`).pluck().get()]));
  } finally {
    db.close();
  }
}

function tar(args, what) {
  const r = spawnSync('tar', args, { encoding: 'utf8', timeout: 10 * 60_000 });
  if (r.error?.code === 'ENOENT') throw new StoreError('tar not found: it makes and reads the backup archive');
  if (r.status !== 0) throw new StoreError(`${what} failed: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}`);
}

// The live store's own files, and the server's pid file, are not copied as they are.
const skip = (name) => name === STORE || name.startsWith(`${STORE}-`) || name === PID_FILE;

/** The copy keeps the store's WAL mode; one file without -wal/-shm travels better (the server turns WAL back on). */
function toSingleFile(file) {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Copy `dataDir` into a new archive at `file` (written under a temporary name, then renamed). */
export async function backup(dataDir, file) {
  const store = path.join(dataDir, STORE);
  if (!fs.existsSync(store)) throw new StoreError(`no store at ${store}: is this the data directory the server uses?`);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'mvd-backup-'));
  try {
    const db = new Database(store, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      await db.backup(path.join(staging, STORE));
    } finally {
      db.close();
    }
    toSingleFile(path.join(staging, STORE));
    const files = fs.readdirSync(dataDir).filter((n) => !skip(n));
    for (const n of files) fs.cpSync(path.join(dataDir, n), path.join(staging, n), { recursive: true, preserveTimestamps: true });
    const tables = tableCounts(path.join(staging, STORE));
    const manifest = { format: FORMAT, version: 1, createdAt: new Date().toISOString(), host: os.hostname(), dataDir, tables, files: [STORE, ...files] };
    fs.writeFileSync(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    tar(['-czf', partial, '-C', staging, '.'], 'tar (writing the archive)');
    fs.chmodSync(partial, 0o600); // it holds the session key
    fs.renameSync(partial, file);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function noLinks(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) throw new StoreError(`the archive holds a symbolic link (${e.name}); refusing it`);
    if (e.isDirectory()) noLinks(p);
  }
}

/** Unpack and check an archive into a new folder beside `dataDir`; returns it with the manifest. */
export function unpack(file, dataDir) {
  if (!fs.existsSync(file)) throw new StoreError(`no such file: ${file}`);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const staging = fs.mkdtempSync(`${dataDir}.restoring-`);
  try {
    tar(['-xzf', file, '-C', staging], 'tar (reading the archive)');
    noLinks(staging);
    let manifest;
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(staging, MANIFEST), 'utf8'));
    } catch {
      throw new StoreError(`${file} is not a dashboard backup (no readable ${MANIFEST})`);
    }
    if (manifest.format !== FORMAT) throw new StoreError(`${file} is not a dashboard backup (format ${manifest.format})`);
    checkStore(path.join(staging, STORE));
    fs.rmSync(path.join(staging, MANIFEST));
    return { staging, manifest };
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

function checkStore(file) {
  let result;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    result = db.pragma('integrity_check', { simple: true });
    db.close();
  } catch (e) {
    throw new StoreError(`the store in the archive cannot be opened: ${e.message}`);
  }
  if (result !== 'ok') throw new StoreError(`the store in the archive is damaged: ${result}`);
}

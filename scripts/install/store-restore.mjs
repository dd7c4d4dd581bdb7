// Putting a backup back: only while no server has the data directory (its pid file says so), and
// without losing what was there: existing data is moved aside, never deleted.
import fs from 'node:fs';
import path from 'node:path';
import { runningServer } from '../../lib/server-lock.mjs';
import { STORE, StoreError, tableCounts, unpack } from './store-archive.mjs';

function refuseIfRunning(dataDir) {
  const s = runningServer(dataDir);
  if (s) {
    throw new StoreError(`a dashboard server (pid ${s.pid}, running since ${s.startedAt}) is using ${dataDir}.\n` +
      'Stop it first (npm run service -- stop, or Ctrl-C the one you started), then run the restore again.');
  }
}

const isOccupied = (dir) => fs.existsSync(dir) && fs.readdirSync(dir).length > 0;

/** Restore `file` into `dataDir`. With existing data, `force` moves it aside first. */
export function restoreInto(file, dataDir, { force = false } = {}) {
  refuseIfRunning(dataDir);
  const occupied = isOccupied(dataDir);
  if (occupied && !force) {
    throw new StoreError(`${dataDir} already holds data. Run again with --force to move it aside (kept as ${path.basename(dataDir)}.before-restore-<time>) and restore.`);
  }
  const { staging, manifest } = unpack(file, dataDir);
  let keptAs = null;
  try {
    // Unpacking takes a while: a server started meanwhile wins.
    refuseIfRunning(dataDir);
    if (occupied) {
      keptAs = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(dataDir, keptAs);
    } else fs.rmSync(dataDir, { recursive: true, force: true });
    fs.renameSync(staging, dataDir);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (keptAs && !fs.existsSync(dataDir)) fs.renameSync(keptAs, dataDir);
    throw e;
  }
  return { manifest, keptAs, tables: tableCounts(path.join(dataDir, STORE)) };
}

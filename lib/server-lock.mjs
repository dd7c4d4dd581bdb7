// The server marks the data directory it uses with a pid file, so `npm run restore` can tell
// reliably whether a server has the store open. Shared by lib/server-start.ts and the scripts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const PID_FILE = 'server.pid';

function readPidFile(file) {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Number.isInteger(v.pid) && v.pid > 0 && typeof v.startedAt === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** Write `<dir>/server.pid` for this process and remove it when the process exits. Never throws. */
export function holdPidFile(dir, pid = process.pid) {
  const file = path.join(dir, PID_FILE);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({ pid, startedAt: new Date().toISOString() })}\n`);
  } catch {
    return null;
  }
  process.once('exit', () => {
    if (readPidFile(file)?.pid === pid) fs.rmSync(file, { force: true });
  });
  return file;
}

/** When a process started, from ps (macOS and Linux alike); null when ps cannot say. */
function processStartMs(pid) {
  const r = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 5000, env: { ...process.env, LC_ALL: 'C' } });
  const t = r.status === 0 ? Date.parse(r.stdout.trim().replace(/\s+/g, ' ')) : NaN;
  return Number.isNaN(t) ? null : t;
}

/**
 * The server that has this data directory, or null. A pid file left behind by a crash does not
 * count: its process is gone, or the pid now belongs to a process that started after the file was
 * written (ps reports start times to the second, rounded down, so a live server never looks newer).
 */
export function runningServer(dir) {
  const info = readPidFile(path.join(dir, PID_FILE));
  if (!info) return null;
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if (e.code === 'ESRCH') return null;
  }
  const started = processStartMs(info.pid);
  if (started !== null && started > Date.parse(info.startedAt)) return null;
  return info;
}

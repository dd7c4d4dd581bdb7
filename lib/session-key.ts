import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from './config';
import { processState } from './process-state';

const state = processState<{ key?: Buffer }>('session-key', () => ({}));

/**
 * The key that signs session cookies: DASHBOARD_SESSION_SECRET, or one generated once and kept
 * in the data directory (0600) so sessions survive a restart. If that folder is not writable,
 * a per-process key still works; sessions then end with the process.
 */
export function sessionKey(): Buffer {
  if (state.key) return state.key;
  const fromEnv = process.env.DASHBOARD_SESSION_SECRET;
  let key: Buffer;
  if (fromEnv && fromEnv.length >= 16) key = Buffer.from(fromEnv, 'utf8');
  else key = readOrCreateKeyFile() ?? randomBytes(32);
  state.key = key;
  return key;
}

function readOrCreateKeyFile(): Buffer | null {
  try {
    const dir = dataDir();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'session-secret');
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const text = fs.readFileSync(file, 'utf8').trim();
    return text.length >= 32 ? Buffer.from(text, 'hex') : null;
  } catch {
    return null;
  }
}

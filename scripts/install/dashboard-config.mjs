// Which config file a script works on, whether the server would accept it, and where the
// server would keep its data with it: all through the server's own code (lib/config.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configModule } from './server-lib.mjs';

/** The server's own prefix for a config it refuses (lib/server-start.ts). */
const REFUSED = 'mini-vm dashboard: invalid configuration: ';

export const homeDir = (env = process.env) => env.HOME || os.homedir();

/** Where `npm run setup` writes the config unless told otherwise. */
export const defaultConfigPath = (env = process.env) => path.join(homeDir(env), '.config/mini-vm-dashboard/config.yaml');

/** `~/x` and relative paths, as a user typing a flag means them. */
export function expandPath(p, env = process.env) {
  if (p === '~' || p.startsWith('~/')) return path.join(homeDir(env), p.slice(1));
  return path.resolve(p);
}

/** --config, then DASHBOARD_CONFIG, then setup's default. */
export function configPathFrom(flag, env = process.env) {
  return expandPath(flag || env.DASHBOARD_CONFIG || defaultConfigPath(env), env);
}

/**
 * Check a config file exactly as the server does at start-up: parse, validate, and read every
 * secret file it names. `message` is the line the server itself would print.
 */
export async function checkConfig(file) {
  const { loadConfig } = await configModule();
  try {
    // Loading resolves the config too, which reads every secret file it names.
    const loaded = loadConfig({ DASHBOARD_CONFIG: file });
    return { ok: true, loaded };
  } catch (e) {
    return { ok: false, message: `${REFUSED}${e.message}` };
  }
}

/**
 * The data directory a server started with this config would use: DASHBOARD_DATA_DIR, else the
 * config's dataDir, else ./data (lib/config.ts dataDir()). Without a file named anywhere, the
 * setup default if it exists, else the server's own default (./dashboard.config.yaml).
 */
export async function serverDataDir(flag, env = process.env) {
  const cfg = await configModule();
  let file = flag || env.DASHBOARD_CONFIG;
  if (!file && fs.existsSync(defaultConfigPath(env))) file = defaultConfigPath(env);
  try {
    const loaded = cfg.loadConfig({ DASHBOARD_CONFIG: file ? expandPath(file, env) : undefined, DASHBOARD_DATA_DIR: env.DASHBOARD_DATA_DIR });
    return { dir: loaded.config.dataDir, source: loaded.source };
  } catch (e) {
    throw new Error(`${REFUSED}${e.message}`);
  }
}

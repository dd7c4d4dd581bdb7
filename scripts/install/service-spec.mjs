// What a login service runs: this Node binary on Next's own entry point (`next start`, with
// lib/lan/preload.mjs loaded first so the first requests after a start are served), in this checkout, with the config, the production flag and a PATH that reaches orb. No npm or shell in
// between: one process, and the one launchd or systemd watches is the server itself.
import os from 'node:os';
import path from 'node:path';
import { findOrb } from '../../lib/orb-paths.mjs';
import { nextStartArgs } from '../next-start.mjs';
import { homeDir } from './dashboard-config.mjs';

export const LABEL = 'lan.mini-vm.dashboard';
export const UNIT = 'mini-vm-dashboard.service';
export const root = path.resolve(import.meta.dirname, '../..');

/** Where the service's files go for a platform, under this user's home. */
export function servicePaths(platform, env = process.env) {
  const home = homeDir(env);
  if (platform === 'darwin') {
    return { file: path.join(home, 'Library/LaunchAgents', `${LABEL}.plist`), logDir: path.join(home, 'Library/Logs/mini-vm-dashboard') };
  }
  return { file: path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'systemd/user', UNIT), logDir: null };
}

function searchPath(orbBin, platform) {
  const dirs = [orbBin && path.dirname(orbBin), path.dirname(process.execPath), '/usr/local/bin', platform === 'darwin' && '/opt/homebrew/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  return [...new Set(dirs.filter(Boolean))].join(':');
}

/**
 * @param {{ platform: 'darwin'|'linux', config: string, host?: string, port?: string|number, env?: object }} o
 */
export function serviceSpec({ platform, config, host, port, env = process.env }) {
  const orb = findOrb(env);
  const h = host || env.HOST || '0.0.0.0';
  const p = String(port || env.PORT || 3000);
  const args = nextStartArgs(h, p);
  return {
    platform,
    node: process.execPath,
    entry: args[2],
    argv: [process.execPath, ...args],
    cwd: root,
    host: h,
    port: p,
    orbBin: orb.bin,
    env: {
      DASHBOARD_CONFIG: config,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      HOST: h,
      PORT: p,
      HOME: homeDir(env),
      PATH: searchPath(orb.bin, platform),
    },
    user: os.userInfo().username,
    uid: process.getuid?.() ?? 0,
    ...servicePaths(platform, env),
  };
}

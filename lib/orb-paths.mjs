// The one list of places `orb` may live, shared by the server (lib/orb.ts) and the .mjs scripts
// (setup, service, doctor). A process started by launchd has no login-shell PATH, so the usual
// install locations are tried in this order (reference/orb.md §0).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function orbCandidates(env = process.env) {
  const home = env.HOME || os.homedir();
  const list = [
    env.ORB_PATH,
    '/usr/local/bin/orb',
    home && path.join(home, '.local/bin/orb'),
    '/opt/homebrew/bin/orb',
    home && path.join(home, '.orbstack/bin/orb'),
    '/Applications/OrbStack.app/Contents/MacOS/xbin/orb',
  ];
  return list.filter(Boolean);
}

/** The first candidate that is an executable file, or null; `searched` says where it looked. */
export function findOrb(env = process.env) {
  const searched = orbCandidates(env);
  for (const p of searched) {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return { bin: p, searched };
    } catch {
      /* next */
    }
  }
  return { bin: null, searched };
}

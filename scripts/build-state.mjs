// Whether the production build is older than the sources, and building when it is. Shared by
// `npm run demo` and `npm run service`, so both agree on what "the build is current" means.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

/** What `next build` reads: a change to any of these makes the build out of date. */
const sources = ['app', 'components', 'lib', 'instrumentation.ts', 'proxy.ts', 'next.config.js', 'package.json', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];

function newestSource(dir) {
  let newest = 0;
  const walk = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of sources) walk(path.join(dir, p));
  return newest;
}

/** `built` is the build's time (0: none); `current` whether no source is newer. */
export function buildState(dir = root, distDir = process.env.NEXT_DIST_DIR || '.next') {
  const id = path.join(dir, distDir, 'BUILD_ID');
  const built = fs.existsSync(id) ? fs.statSync(id).mtimeMs : 0;
  return { built, current: built > 0 && built >= newestSource(dir) };
}

/**
 * Run `next build` when the build is missing or older than the sources. Returns what it did;
 * throws when the build fails (its output has gone to the terminal).
 */
export function buildIfNeeded({ dir = root, distDir = process.env.NEXT_DIST_DIR || '.next', log = console.log } = {}) {
  const { built, current } = buildState(dir, distDir);
  if (current) return 'current';
  log(built ? 'Sources changed since the last build; building…' : 'No build yet; building (about a minute)…');
  const nextBin = path.join(dir, 'node_modules/.bin/next');
  const r = spawnSync(nextBin, ['build'], { cwd: dir, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: distDir } });
  if (r.status !== 0) throw new Error(`the build failed (next build exited ${r.status ?? r.signal}); see above`);
  return 'built';
}

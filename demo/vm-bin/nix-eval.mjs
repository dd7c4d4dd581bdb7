import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stepSystems } from './nix-history.mjs';

// "Evaluating" the demo flake: the checkout's demo-packages.json says what the system holds,
// git says the revision (self.rev, or self.dirtyRev with uncommitted changes). A folder that is
// not there evaluates to the last step of the demo's history, without a revision, so configs
// that name a flake the lab did not make (/Users/ivan/mini-vm) still build.

export const PACKAGES_FILE = 'demo-packages.json';

/** "<flake>#nixosConfigurations.<name>.config.system.build.toplevel" → its folder and name. */
export function parseInstallable(arg) {
  const [ref, attr = ''] = String(arg).split('#');
  const m = attr.match(/^nixosConfigurations\.("?)([A-Za-z0-9_-]+)\1\.config\.system\.build\.toplevel$/);
  if (!m) return { error: `error: the demo only builds <flake>#nixosConfigurations.<name>.config.system.build.toplevel, not '${arg}'` };
  return { dir: flakeDir(ref), name: m[2] };
}

/** The folder of a flake reference: a path, path:<path> or git+file://<path>. */
export function flakeDir(ref) {
  return ref.replace(/^(path:|git\+file:\/\/)/, '').replace(/\?.*$/, '');
}

function git(dir, args) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  try {
    return execFileSync('git', ['-C', dir, ...args], { env: { ...env, GIT_OPTIONAL_LOCKS: '0' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** { system, warnings } or { error }: what `nix build` of the flake's toplevel yields. */
export function evaluateFlake(dir) {
  if (!dir || !fs.existsSync(dir)) {
    const last = stepSystems().at(-1);
    return { system: { ...last, revision: null }, warnings: [] };
  }
  if (!fs.existsSync(path.join(dir, 'flake.nix'))) return { error: `error: path '${dir}/flake.nix' does not exist` };
  let spec;
  try {
    spec = JSON.parse(fs.readFileSync(path.join(dir, PACKAGES_FILE), 'utf8'));
    if (!Array.isArray(spec.packages) || typeof spec.nixosVersion !== 'string') throw new Error('shape');
  } catch {
    return { error: `error: ${PACKAGES_FILE} in the demo flake is missing or not valid (it stands for the evaluation)` };
  }
  const rev = git(dir, ['rev-parse', '--verify', '-q', 'HEAD']);
  const dirty = rev !== null && (git(dir, ['status', '--porcelain', '--untracked-files=no']) ?? '') !== '';
  const packages = spec.packages.map((p) => ({ name: String(p.name), version: String(p.version ?? ''), size: Number(p.size) || 0 }));
  return {
    system: { nixosVersion: spec.nixosVersion, nixpkgsRevision: spec.nixpkgsRevision ?? null, packages, revision: rev && (dirty ? `${rev}-dirty` : rev) },
    warnings: dirty ? [`warning: Git tree '${dir}' is dirty`] : [],
  };
}

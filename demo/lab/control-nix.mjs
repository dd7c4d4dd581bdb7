import fs from 'node:fs';
import path from 'node:path';
import { PACKAGES_FILE } from '../vm-bin/nix-eval.mjs';
import { initialVm, writeStore } from '../vm-bin/nix-store.mjs';
import { readGenerations, writeGenerations } from '../vm-bin/rebuild-state.mjs';
import { createFlakeRepo, packagesFile, restoreFlakeRepo } from './flake-repo.mjs';
import { git } from './git.mjs';

// The lab's Nix: the flake checkout (a real git repository in the state folder) and the
// simulated VM's generations and store made from it, with control routes for tests:
//   POST /flake/commit { package?, subject? }  commit demo-packages.json as the tree has it,
//        with `package`'s version bumped (or, without one, /etc a little bigger) → { rev, subject }
//   POST /flake/dirty { files? (1-4) }         uncommitted changes in that many .nix files
//   POST /flake/clean                          drop every uncommitted change
//   POST /flake/state                          { dir, head, changedFiles, revisions, deployed }
//   POST /nix/configuration-revision { value } the running system's revision: a hash, hash-dirty, or null (not set)

const nixFiles = ['hosts/mini-vm/default.nix', 'hosts/mini-vm/matrix.nix', 'flake.nix', 'hosts/mini-vm/media.nix'];
const ok = (body = {}) => ({ status: 200, body: { ok: true, ...body } });
const bad = (error) => ({ status: 400, body: { error } });

/** The next version: the last number in it one up ("2.10.0" → "2.10.1", "5.2p37" → "5.2p38"). */
export const bumpVersion = (v) => (/\d+(?!.*\d)/.test(v) ? v.replace(/(\d+)(?!.*\d)/, (n) => String(Number(n) + 1)) : `${v}.1`);

const changedFiles = (dir) => git(dir, ['status', '--porcelain', '--untracked-files=no']).split('\n').filter(Boolean).length;

// Each route takes the lab's Nix ({ stateDir, flakeDir, repo, commits }) and the request body.

function commit(lab, body) {
  const subject = body.subject ?? `demo: change ${++lab.commits}`;
  if (typeof subject !== 'string' || !/^[^\u0000-\u001f\u007f]{1,120}$/.test(subject)) return bad('subject must be a line of at most 120 characters');
  const file = path.join(lab.flakeDir, PACKAGES_FILE);
  const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  const target = body.package ?? 'etc';
  const found = spec.packages.filter((p) => p.name === target);
  if (typeof target !== 'string' || !found.length) return bad(`package must be one of the flake's: ${spec.packages.map((p) => p.name).join(', ')}`);
  for (const p of found) {
    if (body.package) p.version = bumpVersion(p.version);
    else p.size += 20 * 1024;
  }
  fs.writeFileSync(file, packagesFile({ nixosVersion: spec.nixosVersion, nixpkgsRevision: spec.nixpkgsRevision, packages: spec.packages }));
  git(lab.flakeDir, ['commit', '-q', '-m', subject, '--', PACKAGES_FILE], { when: Date.now() });
  return ok({ rev: git(lab.flakeDir, ['rev-parse', 'HEAD']), subject });
}

function dirty(lab, body) {
  const n = body.files ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > nixFiles.length) return bad(`files must be a whole number from 1 to ${nixFiles.length}`);
  for (const f of nixFiles.slice(0, n)) fs.appendFileSync(path.join(lab.flakeDir, f), `# edited ${new Date().toISOString()}\n`);
  return ok({ changedFiles: changedFiles(lab.flakeDir) });
}

function clean(lab) {
  git(lab.flakeDir, ['checkout', '-q', '--', '.']);
  return ok();
}

function state(lab) {
  const gens = readGenerations(lab.stateDir);
  const deployed = (gens.find((g) => g.current) ?? gens[0])?.configurationRevision ?? '';
  const { repo } = lab;
  const checkout = repo.problem ? { head: null, changedFiles: null, problem: repo.problem } : { head: git(lab.flakeDir, ['rev-parse', 'HEAD']), changedFiles: changedFiles(lab.flakeDir) };
  return ok({ dir: lab.flakeDir, ...checkout, revisions: repo.revisions, deployed });
}

function setRevision(lab, body) {
  const v = body.value;
  if (v !== null && (typeof v !== 'string' || !/^[0-9a-f]{7,64}(-dirty)?$/.test(v))) return bad('value must be null or a commit hash (optionally with -dirty)');
  const gens = readGenerations(lab.stateDir);
  for (const g of gens) if (g.current) g.configurationRevision = v ?? '';
  writeGenerations(lab.stateDir, gens);
  return ok();
}

const routes = { '/flake/commit': commit, '/flake/dirty': dirty, '/flake/clean': clean, '/flake/state': state, '/nix/configuration-revision': setRevision };

/** The lab's Nix for a state folder, made as the lab starts: { flakeDir, reset, handle }. */
export function createNixLab(stateDir) {
  const lab = { stateDir, flakeDir: path.join(stateDir, 'flake'), repo: null, commits: 0 };

  function reset() {
    lab.repo = lab.repo ? restoreFlakeRepo(lab.repo) : createFlakeRepo(lab.flakeDir);
    const vm = initialVm({ revisions: lab.repo.revisions, now: lab.repo.now });
    writeGenerations(stateDir, vm.generations);
    writeStore(stateDir, vm.store);
    lab.commits = 0;
  }

  /** A control request for this module: its reply { status, body }, or undefined for other paths. */
  function handle(pathname, body) {
    const route = routes[pathname];
    if (!route) return undefined;
    if (lab.repo.problem && pathname.startsWith('/flake/') && pathname !== '/flake/state') return { status: 409, body: { error: lab.repo.problem } };
    return route(lab, body ?? {});
  }

  reset();
  return { flakeDir: lab.flakeDir, reset, handle };
}

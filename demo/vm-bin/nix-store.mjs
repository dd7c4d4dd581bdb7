import crypto from 'node:crypto';
import { flakeSteps, stepSystems } from './nix-history.mjs';
import { readStateJson, writeStateJson } from './state-file.mjs';

// The simulated VM's /nix: the systems the store holds (each a closure: a package list with
// versions and sizes), which one booted, and the generations of the system profile. Kept in
// DEMO_STATE_DIR/nix-store.json and generations.json; the lab writes both when it starts.

const NIX32 = '0123456789abcdfghijklmnpqrsvwxyz';
const HOUR = 3600 * 1000;

/** 32 characters of Nix's base-32 alphabet from a hash of `text`: a store path's hash part. */
export function nixHash(text) {
  const bytes = crypto.createHash('sha256').update(text).digest();
  return Array.from({ length: 32 }, (_, i) => NIX32[bytes[i] % 32]).join('');
}

export const packagePath = (p) => `/nix/store/${nixHash(`${p.name}\0${p.version}\0${p.size}`)}-${p.name}${p.version ? `-${p.version}` : ''}`;

/** A system's store path follows from all it holds, its revision included (as in /etc). */
export const systemPathFor = (s) => `/nix/store/${nixHash(JSON.stringify([s.packages, s.revision ?? '', s.nixosVersion]))}-nixos-system-mini-vm-${s.nixosVersion}`;

export const closureBytes = (s) => s.packages.reduce((sum, p) => sum + p.size, 0);

/** The store paths a system's closure is made of, with their sizes; its toplevel is the system's own path. */
export const closurePaths = (systemPath, s) => s.packages.map((p) => [p.name === 'nixos-system-mini-vm' ? systemPath : packagePath(p), p.size]);

/** "YYYY-MM-DD HH:MM:SS" in local time, as nix-env lists a generation's date. */
export function localStamp(ms) {
  const d = new Date(ms);
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** Stand-in revisions for a VM without a lab checkout: hash-shaped, but in no repository. */
export const fallbackRevisions = () => flakeSteps.map((s, i) => crypto.createHash('sha1').update(`${i} ${s.subject}`).digest('hex'));
const FALLBACK_NOW = Date.UTC(2025, 5, 22, 21, 0, 0);

/**
 * The VM as the demo starts it: generations 40-43 built from the first four steps (43 current
 * and booted), and one more system in the store that nothing roots (a build never switched to).
 */
export function initialVm({ revisions = fallbackRevisions(), now = FALLBACK_NOW } = {}) {
  const systems = stepSystems();
  const store = { booted: null, systems: {} };
  const generations = [];
  flakeSteps.forEach((step, i) => {
    const rev = revisions[i] ?? null;
    const system = { ...systems[i], revision: step.dirty && rev ? `${rev}-dirty` : rev };
    if (step.deployedAs === undefined && !step.builtOnly) return;
    const p = systemPathFor(system);
    store.systems[p] = system;
    if (step.deployedAs === undefined) return;
    const date = localStamp(now - step.hoursAgo * HOUR + 10 * 60 * 1000);
    generations.unshift({ generation: step.deployedAs, date, nixosVersion: system.nixosVersion, kernelVersion: 'Unknown', configurationRevision: system.revision ?? '', specialisations: [], current: false, storePath: p });
  });
  generations[0].current = true;
  store.booted = generations[0].storePath;
  return { generations, store };
}

export const readStore = (dir) => readStateJson(dir, 'nix-store.json', () => initialVm().store);
export const writeStore = (dir, store) => writeStateJson(dir, 'nix-store.json', store);

/** Put a built system in the store (if new); its path. */
export function addSystem(dir, system) {
  const store = readStore(dir);
  const p = systemPathFor(system);
  if (!store.systems[p]) {
    store.systems[p] = system;
    writeStore(dir, store);
  }
  return p;
}

const linkRe = /^\/nix\/var\/nix\/profiles\/system-(\d+)-link$/;

/** A path as the VM would follow it to a store path; null when it leads nowhere. */
export function resolveSystem(arg, generations, store) {
  const p = arg.replace(/\/+$/, '');
  const current = generations.find((g) => g.current) ?? generations[0];
  if (p === '/run/current-system' || p === '/nix/var/nix/profiles/system') return current?.storePath ?? null;
  if (p === '/run/booted-system') return store.booted;
  const m = p.match(linkRe);
  if (m) return generations.find((g) => g.generation === Number(m[1]))?.storePath ?? null;
  return store.systems[p] ? p : null;
}

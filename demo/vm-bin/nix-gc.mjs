import { closurePaths } from './nix-store.mjs';

// Garbage collection in the simulated store: which generations a cutoff deletes, and what is
// left unreachable after.

const DAY_MS = 24 * 3600 * 1000;

/** "YYYY-MM-DD HH:MM:SS" (local) or ISO → ms. */
const when = (date) => new Date(/T/.test(date) ? date : date.replace(' ', 'T')).getTime();

/**
 * Nix 2.28's deleteGenerationsOlderThan: from the newest down, the first generation older than
 * the cutoff stays (it was active then); those older than it go, unless current. With `all`
 * (-d), every generation but the current one goes.
 */
export function generationsToDelete(gens, { days, all }, now = Date.now()) {
  if (all) return gens.filter((g) => !g.current).map((g) => g.generation);
  const cutoff = now - days * DAY_MS;
  const ordered = [...gens].sort((a, b) => b.generation - a.generation);
  const firstOld = ordered.findIndex((g) => when(g.date) < cutoff);
  if (firstOld < 0) return [];
  return ordered.slice(firstOld + 1).filter((g) => !g.current).map((g) => g.generation);
}

/** Bytes of all distinct store paths the systems hold. */
export function storeBytes(store) {
  const seen = new Map();
  for (const [sp, s] of Object.entries(store.systems)) for (const [p, size] of closurePaths(sp, s)) seen.set(p, size);
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

/**
 * What nothing roots any more (no generation, not the booted system): the store paths to
 * delete, the bytes they free, and the store without them.
 */
export function collect(store, gens) {
  const roots = new Set([...gens.map((g) => g.storePath), store.booted]);
  const live = new Set();
  for (const [p, s] of Object.entries(store.systems)) if (roots.has(p)) for (const [pp] of closurePaths(p, s)) live.add(pp);
  const deleted = new Map();
  let freedBytes = 0;
  const systems = {};
  for (const [p, s] of Object.entries(store.systems)) {
    if (roots.has(p)) {
      systems[p] = s;
      continue;
    }
    for (const [pp, size] of closurePaths(p, s)) {
      if (live.has(pp) || deleted.has(pp)) continue;
      deleted.set(pp, size);
      freedBytes += size;
    }
  }
  return { deleted: [...deleted.keys()], freedBytes, store: { ...store, systems } };
}

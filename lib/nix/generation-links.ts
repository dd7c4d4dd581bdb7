import type { Db } from '../db';
import type { ClosureDiffLine } from './closure-diff';
import { getClosureDiffs, pairKey, putClosureDiff, type PathPair } from './closure-diff-store';
import { isStorePath } from './store-path';

// Generation N of the system profile is /nix/var/nix/profiles/system-N-link → its store path
// (reference/nixos.md §5). Each generation's change is the diff from the one before it.

export const SYSTEM_PROFILE = '/nix/var/nix/profiles/system';

export function profileLink(generation: number): string {
  if (!Number.isInteger(generation) || generation < 1 || generation > 999_999_999) throw new Error(`not a generation number: ${generation}`);
  return `${SYSTEM_PROFILE}-${generation}-link`;
}

/** One readlink for all links: it prints one target a line, in order, and nothing for a failure. */
export function readlinkArgv(generations: readonly number[]): string[] {
  return ['readlink', ...generations.map(profileLink)];
}

/**
 * readlink's lines matched to the generations asked for. Since a failed link prints nothing,
 * the lines only line up when every link answered; otherwise this says so (try again later).
 */
export function parseProfileLinks(generations: readonly number[], stdout: string): { links: Map<number, string> } | { problem: string } {
  const lines = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length !== generations.length) return { problem: `readlink answered for ${lines.length} of ${generations.length} generation links (some were removed meanwhile?)` };
  const bad = lines.find((l) => !isStorePath(l));
  if (bad) return { problem: `a generation link points outside the store: ${bad.slice(0, 120)}` };
  return { links: new Map(generations.map((g, i) => [g, lines[i]])) };
}

export interface GenerationPair extends PathPair {
  /** The generation before `to` that still exists (after a collection, not always to − 1). */
  from: number;
  to: number;
}

/** Each generation with the one before it, newest first; the oldest has none. */
export function generationPairs(links: ReadonlyMap<number, string>): GenerationPair[] {
  const gens = [...links.keys()].sort((a, b) => b - a);
  return gens.slice(0, -1).map((to, i) => ({ from: gens[i + 1], to, before: links.get(gens[i + 1])!, after: links.get(to)! }));
}

export interface PairDiff extends GenerationPair {
  /** Null when not computed yet (or it failed: see problem). */
  lines: ClosureDiffLine[] | null;
  cached: boolean;
  problem?: string;
}

/** Runs the diff inside the VM: the parsed lines, or a problem in words. */
export type ComputeDiff = (before: string, after: string) => Promise<{ lines: ClosureDiffLine[] } | { problem: string }>;

/**
 * The diffs for these pairs: kept ones from the store, at most `maxNew` computed now (one at a
 * time, so the VM is not flooded) and kept. Pairs past the limit stay null for the next call.
 * Identical paths need no VM call: their diff is empty.
 */
export async function generationDiffs(db: Db | null, pairs: readonly GenerationPair[], compute: ComputeDiff, maxNew = 10): Promise<PairDiff[]> {
  const kept = db ? getClosureDiffs(db, pairs) : new Map<string, ClosureDiffLine[]>();
  const out: PairDiff[] = [];
  let budget = maxNew;
  for (const p of pairs) {
    const hit = kept.get(pairKey(p)) ?? (p.before === p.after ? [] : undefined);
    if (hit) {
      out.push({ ...p, lines: hit, cached: true });
      continue;
    }
    if (budget <= 0) {
      out.push({ ...p, lines: null, cached: false });
      continue;
    }
    budget--;
    const r = await compute(p.before, p.after);
    if ('problem' in r) out.push({ ...p, lines: null, cached: false, problem: r.problem });
    else {
      if (db) putClosureDiff(db, p.before, p.after, r.lines);
      out.push({ ...p, lines: r.lines, cached: false });
    }
  }
  return out;
}

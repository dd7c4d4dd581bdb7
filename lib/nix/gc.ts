import type { Generation } from '../rebuild/generations';
import { parseSize } from './size';
import { cleanText } from './text';

// nix-collect-garbage (reference/nixos.md §12): progress on stderr, one summary line on stdout,
// "14 store paths deleted, 0.58 MiB freed" (other units in newer Nix).

export const MIN_GC_DAYS = 1;
export const MAX_GC_DAYS = 3650;
const DAY_MS = 24 * 3600 * 1000;

/** A whole number of days in 1..3650 (a number, or a string of digits); null for anything else. */
export function parseOlderThanDays(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isInteger(n) && n >= MIN_GC_DAYS && n <= MAX_GC_DAYS ? n : null;
}

/** The argv, run as root inside the VM; throws for a cutoff that is not a valid number of days. */
export function gcArgv(olderThanDays: number): string[] {
  const days = parseOlderThanDays(olderThanDays);
  if (days === null) throw new Error(`olderThanDays must be a whole number from ${MIN_GC_DAYS} to ${MAX_GC_DAYS}`);
  return ['nix-collect-garbage', '--delete-older-than', `${days}d`];
}

export interface GcSummary {
  paths: number;
  freedBytes: number;
}

const summaryRe = /^(\d+) store paths? deleted, (\d+(?:\.\d+)?\s*(?:[KMGTPE]iB|B|bytes?)) freed\.?$/;

/** The summary from stdout (or a merged log): the last such line wins; null when there is none. */
export function parseGcSummary(text: string): GcSummary | null {
  let found: GcSummary | null = null;
  for (const raw of text.split('\n')) {
    const m = cleanText(raw, 512).trim().match(summaryRe);
    if (!m) continue;
    const freed = parseSize(m[2].replace(/\s*bytes?$/, ' B'));
    if (freed !== null) found = { paths: Number(m[1]), freedBytes: freed };
  }
  return found;
}

/**
 * A generation's date as list-generations prints it: "YYYY-MM-DD HH:MM:SS" (local time, the
 * nix-env form) or ISO-8601 with a zone. Ms since the epoch, or null.
 */
export function generationTime(date: string): number | null {
  const m = date.trim().match(/^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || +s > 60) return null;
  const t = zone
    ? Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac ?? ''}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`)
    : new Date(+y, +mo - 1, +d, +h, +mi, +s).getTime();
  return Number.isFinite(t) ? t : null;
}

export interface GcPlan {
  /** What `--delete-older-than <N>d` removes from the system profile, newest first. */
  removes: Generation[];
  keeps: Generation[];
  /** Generations whose date could not be read: the plan cannot say, so they are in neither list. */
  undated: Generation[];
  /** The cutoff, ms since the epoch: older than this counts as old. */
  cutoff: number;
}

/**
 * Nix's rule (src/libstore/profiles.cc, deleteGenerationsOlderThan, as in Nix 2.28 of NixOS
 * 25.05): walking from the newest generation down, the first one older than the cutoff is kept,
 * since it was the one active at the cutoff and the owner may want to roll back to it; every
 * generation older than that goes, except the current one.
 */
export function generationsRemovedBy(gens: readonly Generation[], olderThanDays: number, now = Date.now()): GcPlan {
  const cutoff = now - olderThanDays * DAY_MS;
  const dated = gens.map((g) => ({ g, t: generationTime(g.date) }));
  const undated = dated.filter((d) => d.t === null).map((d) => d.g);
  const ordered = dated.filter((d) => d.t !== null).sort((a, b) => b.g.generation - a.g.generation);
  const firstOld = ordered.findIndex((d) => d.t! < cutoff);
  const removes = firstOld < 0 ? [] : ordered.slice(firstOld + 1).filter((d) => !d.g.current).map((d) => d.g);
  const keeps = ordered.map((d) => d.g).filter((g) => !removes.includes(g));
  return { removes, keeps, undated, cutoff };
}

import { compareNixVersions, newestVersion } from './nix-version';
import { parseSizeDetail } from './size';
import { NIX_COMMAND, requireSystemPath } from './store-path';
import { cleanText } from './text';

// `nix store diff-closures <old> <new>` (reference/nixos.md §10): one line a package name,
// "name: <removed versions> → <added versions>, <size delta>", either half may be missing.

export interface ClosureDiffRow {
  name: string;
  /** Versions only the old closure has; [] where Nix printed ∅, '' where it printed ε. */
  before: string[];
  /** Versions only the new closure has. */
  after: string[];
  /** Null where Nix printed no size (it does so only for changes of 8 KiB or more). */
  sizeDeltaBytes: number | null;
}

/** A line the parser does not know, kept as printed (cleaned), never dropped. */
export interface ClosureDiffRaw {
  raw: string;
}

export type ClosureDiffLine = ClosureDiffRow | ClosureDiffRaw;

export const closureChangeKinds = ['upgraded', 'downgraded', 'added', 'removed', 'changed', 'size-only'] as const;
export type ClosureChangeKind = (typeof closureChangeKinds)[number];

export interface GroupedClosureDiff {
  groups: Record<ClosureChangeKind, ClosureDiffRow[]>;
  raw: string[];
  /** The sum of the sizes Nix printed: changes under 8 KiB are not in it. */
  sizeDeltaBytes: number;
  rowCount: number;
  /** Nothing at all changed: the page says "no package changes". */
  empty: boolean;
}

export const MAX_NAME = 100;
const MAX_RAW = 300;
const MAX_LINES = 5000;
const arrowRe = / (?:→|->) /;

export const isRawLine = (l: ClosureDiffLine): l is ClosureDiffRaw => 'raw' in l;

function versions(side: string): string[] | null {
  const s = side.trim();
  if (s === '∅') return [];
  const parts = s.split(', ').map((v) => v.trim());
  if (parts.some((v) => v === '' || v === '∅' || /\s/.test(v))) return null;
  return parts.map((v) => (v === 'ε' ? '' : v));
}

/** A size item at the end of a line: always signed or spaced, so a version like "5M" is never one. */
function sizeItem(item: string): number | null {
  const s = parseSizeDetail(item);
  if (!s || !s.unit || s.unit.length === 1 && s.unit !== 'B') return null;
  return s.signed || s.spaced ? s.bytes : null;
}

/** One cleaned line → a row, or null when it is not one. */
export function parseClosureDiffRow(line: string): ClosureDiffRow | null {
  const m = line.trim().match(/^([^\s:][^:]*?): (.+)$/);
  if (!m) return null;
  const items = m[2].split(', ');
  const size = sizeItem(items[items.length - 1]);
  if (size !== null) items.pop();
  const rest = items.join(', ');
  const name = cleanText(m[1], MAX_NAME);
  if (!rest) return size === null ? null : { name, before: [], after: [], sizeDeltaBytes: size };
  const sides = rest.split(arrowRe);
  if (sides.length !== 2) return null;
  const before = versions(sides[0]);
  const after = versions(sides[1]);
  if (!before || !after) return null;
  return { name, before, after, sizeDeltaBytes: size };
}

/** The whole output, line by line: rows where the format is known, raw lines where it is not. */
export function parseClosureDiff(text: string): ClosureDiffLine[] {
  const lines = text.split('\n');
  const out: ClosureDiffLine[] = [];
  for (const rawLine of lines.slice(0, MAX_LINES)) {
    // Cut only after parsing, so a very long name still makes a row (its name capped).
    const line = cleanText(rawLine, 65536);
    if (!line.trim()) continue;
    out.push(parseClosureDiffRow(line) ?? { raw: cleanText(line, MAX_RAW) });
  }
  if (lines.length > MAX_LINES) out.push({ raw: `… ${lines.length - MAX_LINES} more lines not read` });
  return out;
}

/** Which group a row belongs to; sides with several versions compare their newest. */
export function changeKind(row: ClosureDiffRow): ClosureChangeKind {
  if (!row.before.length && !row.after.length) return 'size-only';
  if (!row.before.length) return 'added';
  if (!row.after.length) return 'removed';
  const c = compareNixVersions(newestVersion(row.after)!, newestVersion(row.before)!);
  return c > 0 ? 'upgraded' : c < 0 ? 'downgraded' : 'changed';
}

export function groupClosureDiff(lines: readonly ClosureDiffLine[]): GroupedClosureDiff {
  const groups = Object.fromEntries(closureChangeKinds.map((k) => [k, [] as ClosureDiffRow[]])) as Record<ClosureChangeKind, ClosureDiffRow[]>;
  const raw: string[] = [];
  let sizeDeltaBytes = 0;
  let rowCount = 0;
  for (const l of lines) {
    if (isRawLine(l)) {
      raw.push(l.raw);
      continue;
    }
    groups[changeKind(l)].push(l);
    sizeDeltaBytes += l.sizeDeltaBytes ?? 0;
    rowCount++;
  }
  return { groups, raw, sizeDeltaBytes, rowCount, empty: rowCount === 0 && raw.length === 0 };
}

export interface ProfileClosureDiff {
  /** From the "Version N -> M:" header; null for lines before any header. */
  from: number | null;
  to: number | null;
  lines: ClosureDiffLine[];
}

const versionHeaderRe = /^Version (\d+) (?:->|→) (\d+):$/;

/** `nix profile diff-closures`: a header for each pair of versions, the usual lines beneath. */
export function parseProfileClosureDiffs(text: string): ProfileClosureDiff[] {
  const out: ProfileClosureDiff[] = [];
  let chunk: string[] = [];
  let from: number | null = null;
  let to: number | null = null;
  const flush = () => {
    if (chunk.length || from !== null) out.push({ from, to, lines: parseClosureDiff(chunk.join('\n')) });
    chunk = [];
  };
  for (const line of text.split('\n')) {
    const m = cleanText(line, 200).trim().match(versionHeaderRe);
    if (!m) {
      chunk.push(line);
      continue;
    }
    flush();
    from = Number(m[1]);
    to = Number(m[2]);
  }
  flush();
  return out.filter((d) => d.from !== null || d.lines.length);
}

/** The argv, inside the VM, for the diff from `before` to `after` (store paths or system links). */
export function diffClosuresArgv(before: string, after: string): string[] {
  return [...NIX_COMMAND, 'store', 'diff-closures', requireSystemPath(before), requireSystemPath(after)];
}

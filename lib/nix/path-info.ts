import { NIX_COMMAND, requireSystemPath } from './store-path';
import { parseSize } from './size';
import { cleanText } from './text';

// `nix path-info -S <path>` (reference/nixos.md §10): "<path>\t<bytes>", human with -h
// ("386.7K" in older Nix, "386.7 KiB" from about 2.26); --json an array before 2.19, an
// object keyed by store path after.

export interface PathInfo {
  path: string;
  /** The path alone (`narSize`); null when not printed. */
  narBytes: number | null;
  /** The path and everything it references (`closureSize`, what -S prints). */
  closureBytes: number | null;
  /** False when Nix said the path is not valid (not in the store). */
  valid: boolean;
}

/** The argv, inside the VM, for the closure size of one store path or system link. */
export function pathInfoArgv(path: string, opts: { json?: boolean } = {}): string[] {
  return [...NIX_COMMAND, 'path-info', '-S', ...(opts.json ? ['--json'] : []), requireSystemPath(path)];
}

// A size as path-info prints it: bare bytes, or a number with a binary unit (spaced or not).
const sizeTokenRe = /\d+(?:\.\d+)?(?:\s*(?:[KMGTPE]iB|[KMGTPE]|B)(?![A-Za-z]))?/g;

/** Text output: one entry a line; with -s and -S both, the closure size is the last number. */
export function parsePathInfoText(text: string): PathInfo[] {
  const out: PathInfo[] = [];
  for (const raw of text.split('\n')) {
    const line = cleanText(raw, 2048);
    const m = line.match(/^(\/\S+)\s+(.+)$/);
    if (!m) continue;
    const sizes = (m[2].match(sizeTokenRe) ?? []).map((t) => parseSize(t)).filter((n): n is number => n !== null);
    if (!sizes.length) continue;
    out.push({ path: m[1], narBytes: sizes.length > 1 ? sizes[0] : null, closureBytes: sizes[sizes.length - 1], valid: true });
  }
  return out;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

function fromJsonEntry(path: string, v: unknown): PathInfo {
  if (!v || typeof v !== 'object') return { path, narBytes: null, closureBytes: null, valid: false };
  const o = v as Record<string, unknown>;
  return { path, narBytes: num(o.narSize), closureBytes: num(o.closureSize), valid: o.valid !== false };
}

/** --json in both shapes; throws on text that is not JSON of either. */
export function parsePathInfoJson(text: string): PathInfo[] {
  const data: unknown = JSON.parse(text);
  if (Array.isArray(data)) {
    return data.flatMap((e) => (e && typeof e === 'object' && typeof (e as { path?: unknown }).path === 'string' ? [fromJsonEntry((e as { path: string }).path, e)] : []));
  }
  if (data && typeof data === 'object') return Object.entries(data).map(([p, v]) => fromJsonEntry(p, v));
  throw new Error('nix path-info --json printed neither a list nor an object');
}

/** Whichever the output is: JSON when it looks like JSON, text otherwise. */
export function parsePathInfo(text: string): PathInfo[] {
  const t = text.trim();
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      return parsePathInfoJson(t);
    } catch {
      return [];
    }
  }
  return parsePathInfoText(t);
}

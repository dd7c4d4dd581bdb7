import fs from 'node:fs/promises';
import path from 'node:path';
import { parseRevision } from './revision';
import { cleanText } from './text';

// flake.lock (reference/nixos.md §11): nodes.<node>.locked.{lastModified, rev, type, owner, repo};
// nodes.<root>.inputs maps input names to node names, or to a path of input names (follows).

export interface FlakeInput {
  name: string;
  /** The node it resolves to; null when a follows path leads nowhere. */
  node: string | null;
  /** The input path it follows ("nixpkgs", "home-manager/nixpkgs"), null for its own lock. */
  follows: string | null;
  type: string | null;
  owner: string | null;
  repo: string | null;
  rev: string | null;
  /** Unix seconds, from locked.lastModified. */
  lastModified: number | null;
  ageDays: number | null;
  /** Older than staleInputDays: a gentle note on the page. */
  stale: boolean;
}

export interface FlakeLockOptions {
  now?: number;
  staleInputDays?: number;
}

export const DEFAULT_STALE_INPUT_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;
const MAX_INPUTS = 100;

type Nodes = Record<string, { inputs?: Record<string, unknown>; locked?: Record<string, unknown> } | undefined>;

const text = (v: unknown): string | null => (typeof v === 'string' && v ? cleanText(v, 100) : null);

/** Follow an input reference (a node name, or a path from the root) to a node name. */
function resolve(nodes: Nodes, root: string, ref: unknown, depth = 0): string | null {
  if (typeof ref === 'string') return nodes[ref] ? ref : null;
  if (!Array.isArray(ref) || depth > 16) return null;
  let at: string | null = root;
  for (const step of ref) {
    if (at === null || typeof step !== 'string') return null;
    at = resolve(nodes, root, nodes[at]?.inputs?.[step], depth + 1);
  }
  return at;
}

function input(nodes: Nodes, root: string, name: string, ref: unknown, opts: Required<FlakeLockOptions>): FlakeInput {
  const node = resolve(nodes, root, ref);
  const locked = (node && nodes[node]?.locked) || {};
  const lm = typeof locked.lastModified === 'number' && Number.isFinite(locked.lastModified) && locked.lastModified > 0 ? locked.lastModified : null;
  const ageDays = lm === null ? null : Math.max(0, Math.floor((opts.now - lm * 1000) / DAY_MS));
  const follows = Array.isArray(ref) ? cleanText(ref.filter((s) => typeof s === 'string').join('/'), 200) : null;
  return {
    name: cleanText(name, 100),
    node,
    follows,
    type: text(locked.type),
    owner: text(locked.owner),
    repo: text(locked.repo),
    rev: parseRevision(typeof locked.rev === 'string' ? locked.rev : null)?.rev ?? null,
    lastModified: lm,
    ageDays,
    stale: ageDays !== null && ageDays > opts.staleInputDays,
  };
}

/** The root's inputs, in the lock's order. Throws when the text is not a flake lock. */
export function parseFlakeLock(text: string, options: FlakeLockOptions = {}): FlakeInput[] {
  const opts = { now: options.now ?? Date.now(), staleInputDays: options.staleInputDays ?? DEFAULT_STALE_INPUT_DAYS };
  const data = JSON.parse(text) as { nodes?: unknown; root?: unknown };
  if (!data || typeof data !== 'object' || !data.nodes || typeof data.nodes !== 'object') throw new Error('flake.lock has no nodes');
  const nodes = data.nodes as Nodes;
  const root = typeof data.root === 'string' ? data.root : 'root';
  const inputs = nodes[root]?.inputs;
  if (!inputs || typeof inputs !== 'object') return [];
  return Object.entries(inputs).slice(0, MAX_INPUTS).map(([name, ref]) => input(nodes, root, name, ref, opts));
}

export interface FlakeLockReport {
  inputs: FlakeInput[] | null;
  problem?: string;
}

/** Read <dir>/flake.lock on the Mac; a missing or broken lock is a problem in words. */
export async function readFlakeLock(dir: string, options: FlakeLockOptions = {}): Promise<FlakeLockReport> {
  const file = path.join(dir, 'flake.lock');
  let body: string;
  try {
    const st = await fs.stat(file);
    if (st.size > 4 * 1024 * 1024) return { inputs: null, problem: 'flake.lock is larger than 4 MiB' };
    body = await fs.readFile(file, 'utf8');
  } catch {
    return { inputs: null, problem: `${file} cannot be read (no lock yet?)` };
  }
  try {
    return { inputs: parseFlakeLock(body, options) };
  } catch (e) {
    return { inputs: null, problem: `flake.lock is not valid: ${(e as Error).message.slice(0, 120)}` };
  }
}

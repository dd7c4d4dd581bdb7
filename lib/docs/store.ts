import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig } from '../config';
import { renderMarkdown, type RenderedDoc } from './render';
import { isSafeSlug, slugFromFileName } from './slug';

/** Larger than any hand-written doc; anything bigger is refused rather than rendered. */
export const MAX_DOC_BYTES = 512 * 1024;

export type DocProblem = 'not-found' | 'too-large' | 'not-text' | 'render-failed';

export type DocResult = { ok: true; slug: string; doc: RenderedDoc } | { ok: false; slug: string; problem: DocProblem; message: string };

interface Entry {
  mtimeMs: number;
  size: number;
  result: Promise<DocResult>;
}

// Keyed by slug and real path (a symlinked alias is its own doc); a changed mtime or size means the file is read and rendered again.
const cache = new Map<string, Entry>();

/**
 * The docs that ship with the dashboard: docs/ at the app's root, two folders up from this file.
 * Found from the code's own location, so neither the working folder nor the config's place matters.
 */
export const builtInDocsDir = path.resolve(/* turbopackIgnore: true */ path.dirname(fileURLToPath(import.meta.url)), '../../docs');

/** Where the docs come from: `docs.dir` from the config (resolved against the config file when it loaded); without it, the built-in docs. */
export function docsDir(dir = getConfig().docs?.dir): string {
  return dir ?? builtInDocsDir;
}

function realDir(dir: string): string | null {
  try {
    return fs.realpathSync(/* turbopackIgnore: true */ dir);
  } catch {
    return null;
  }
}

const notFound = (slug: string, message = 'There is no doc with this name.'): DocResult => ({ ok: false, slug, problem: 'not-found', message });

/** One doc by slug. Never throws: every failure is a DocResult with a problem and a message. */
export async function getDoc(slug: string, dir = docsDir()): Promise<DocResult> {
  if (!isSafeSlug(slug)) return notFound(String(slug).slice(0, 100));
  const root = realDir(dir);
  if (!root) return notFound(slug, 'The docs folder does not exist.');
  let real: string;
  let stat: fs.Stats;
  try {
    real = fs.realpathSync(/* turbopackIgnore: true */ path.join(/* turbopackIgnore: true */ root, `${slug}.md`));
    stat = fs.statSync(/* turbopackIgnore: true */ real);
  } catch {
    return notFound(slug);
  }
  // A symlink may point at another doc in the folder, never out of it.
  if (path.dirname(real) !== root || !stat.isFile()) return notFound(slug);
  if (stat.size > MAX_DOC_BYTES) {
    return { ok: false, slug, problem: 'too-large', message: `${slug}.md is ${Math.round(stat.size / 1024)} KB; docs larger than ${MAX_DOC_BYTES / 1024} KB are not shown.` };
  }
  const key = `${slug}\0${real}`;
  const hit = cache.get(key);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.result;
  const result = load(real, slug);
  cache.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, result });
  return result;
}

async function load(file: string, slug: string): Promise<DocResult> {
  let text: string;
  try {
    const bytes = fs.readFileSync(/* turbopackIgnore: true */ file);
    if (bytes.length > MAX_DOC_BYTES) return { ok: false, slug, problem: 'too-large', message: `${slug}.md grew past ${MAX_DOC_BYTES / 1024} KB while being read.` };
    if (bytes.includes(0)) throw new Error('binary');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, slug, problem: 'not-text', message: `${slug}.md is not UTF-8 text, so it cannot be shown.` };
  }
  try {
    return { ok: true, slug, doc: await renderMarkdown(text, slug) };
  } catch (e) {
    console.error(`docs: rendering ${slug}.md failed`, e);
    return { ok: false, slug, problem: 'render-failed', message: `${slug}.md could not be rendered: ${String((e as Error).message ?? e).slice(0, 200)}` };
  }
}

/** Every doc in the folder, sorted by slug; a missing folder gives an empty list. */
export async function listDocs(dir = docsDir()): Promise<DocResult[]> {
  const root = realDir(dir);
  if (!root) return [];
  let names: string[];
  try {
    names = fs.readdirSync(/* turbopackIgnore: true */ root);
  } catch {
    return [];
  }
  const slugs = names.map(slugFromFileName).filter((s): s is string => s !== null).sort();
  const docs = await Promise.all(slugs.map((s) => getDoc(s, root)));
  // Broken symlinks and folders named *.md are not docs.
  return docs.filter((d) => d.ok || d.problem !== 'not-found');
}

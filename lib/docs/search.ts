import type { DocResult } from './store';

export interface SearchHit {
  slug: string;
  docTitle: string;
  heading: string;
  headingId: string;
  /** Snippet split so the matched words can be highlighted without building HTML. */
  snippet: { text: string; match: boolean }[];
  score: number;
}

const MAX_QUERY = 100;

export function queryTerms(q: string): string[] {
  return q.slice(0, MAX_QUERY).toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
}

/** Sections that contain every term; a match in the heading ranks first. */
export function searchDocs(docs: DocResult[], q: string, limit = 30): SearchHit[] {
  const terms = queryTerms(q);
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const d of docs) {
    if (!d.ok) continue;
    for (const s of d.doc.sections) {
      const heading = s.heading.toLowerCase();
      const body = s.text.toLowerCase();
      if (!terms.every((t) => heading.includes(t) || body.includes(t))) continue;
      const score = terms.reduce((n, t) => n + (heading.includes(t) ? 10 : 0) + count(body, t), 0);
      hits.push({ slug: d.slug, docTitle: d.doc.title, heading: s.heading || d.doc.title, headingId: s.headingId, snippet: snippet(s.text, terms), score });
    }
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

function count(text: string, term: string): number {
  let n = 0;
  for (let i = text.indexOf(term); i !== -1 && n < 50; i = text.indexOf(term, i + term.length)) n++;
  return n;
}

/** About 180 characters around the first match, with every term marked. */
export function snippet(text: string, terms: string[], width = 180): { text: string; match: boolean }[] {
  const lower = text.toLowerCase();
  const first = Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0));
  const at = Number.isFinite(first) ? first : 0;
  let start = Math.max(0, at - 60);
  // Start on a word, not in the middle of one.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < at) start = space + 1;
  }
  const end = Math.min(text.length, start + width);
  const piece = (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = piece.split(new RegExp(`(${escaped.join('|')})`, 'gi'));
  return parts.filter(Boolean).map((p) => ({ text: p, match: terms.includes(p.toLowerCase()) }));
}

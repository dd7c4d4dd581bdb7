import type { ComposedSnapshot, Headline, HeadlineProblem, Snapshot } from '../types';
import { accessPaths, addressDrift, checks, machines, orbstack, services, type Contributor } from './contributors';

export type { Contributor, Finding } from './contributors';

/**
 * Who speaks in the headline, in order: the host first (which masks the rest when it is down),
 * then services, then the quieter notes. A new fact (units, disks) is one more entry here.
 */
export const contributors: readonly Contributor[] = [orbstack, machines, services, accessPaths, checks, addressDrift];

/** The headline of a composed round: problems first, notes after, or "All 3 services up". */
export function headline(s: ComposedSnapshot, list: readonly Contributor[] = contributors): Headline {
  const problems: HeadlineProblem[] = [];
  for (const c of list) {
    const found = c.find(s);
    problems.push(...found.map((f) => ({ from: c.from, text: f.text, note: Boolean(f.note) })));
    if (found.some((f) => f.masks)) break;
  }
  const main = problems.filter((p) => !p.note).map((p) => p.text);
  const notes = problems.filter((p) => p.note).map((p) => p.text);
  if (main.length) return { tone: 'bad', text: [...main, ...notes].join(', '), problems };
  const count = s.machines.reduce((n, m) => n + m.services.length, 0);
  const base = count ? `All ${count} services up` : 'No services configured';
  return notes.length ? { tone: 'warn', text: `${base} · ${notes.join(', ')}`, problems } : { tone: 'good', text: base, problems };
}

export const withHeadline = (s: ComposedSnapshot): Snapshot => ({ ...s, headline: headline(s) });

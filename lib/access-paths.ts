import { probeSentence } from './probe-sentence';
import { pathWorks, untested } from './states';
import type { ProbeVerdict, ServiceState } from './types';

// Pure, shared with the browser: which link in the chain browser → bee → mini → VM broke.

export type LinkMark = 'ok' | 'broken' | 'untested';

export interface ChainLink {
  via: string;
  /** "direct" or "via bee": how the summary names this path. */
  label: string;
  mark: LinkMark;
  state: ServiceState;
  reason: string;
}

export interface ChainDiagnosis {
  links: ChainLink[];
  /** "direct ✓, via mini ✓, via bee ✗" */
  summary: string;
  /** The first broken link in words, or null when every path answers. */
  culprit: string | null;
  brokenVia: string | null;
}

const glyph: Record<LinkMark, string> = { ok: '✓', broken: '✗', untested: '?' };

/** Direct first, then the hops in config order, innermost first (mini before bee). */
export function orderPaths<T extends { via: string }>(paths: readonly T[]): T[] {
  return [...paths.filter((p) => p.via === 'direct'), ...paths.filter((p) => p.via !== 'direct')];
}

/**
 * Name the first link that fails, walking outwards from the service: a failing hop whose inner
 * neighbour answers is where the chain breaks (its proxy, or the hop from it to that neighbour).
 */
export function diagnoseChain(paths: readonly (ProbeVerdict & { via: string })[], machine: string, service = 'the service'): ChainDiagnosis {
  const ordered = orderPaths(paths);
  const links: ChainLink[] = ordered.map((p) => ({
    via: p.via,
    label: p.via === 'direct' ? 'direct' : `via ${p.via}`,
    mark: untested(p.state) ? 'untested' : pathWorks(p.state) ? 'ok' : 'broken',
    state: p.state,
    reason: probeSentence(p),
  }));
  const summary = links.map((l) => `${l.label} ${glyph[l.mark]}`).join(', ');
  const i = links.findIndex((l) => l.mark === 'broken');
  if (i < 0) return { links, summary, culprit: null, brokenVia: null };
  const broken = links[i];
  let culprit: string;
  if (broken.via === 'direct') culprit = `${service} itself, or the way from the Mac mini to ${machine}`;
  else if (i === 0) culprit = `${broken.via}'s Caddy, or anything between it and ${service}`;
  else {
    const inner = links[i - 1].via === 'direct' ? machine : links[i - 1].via;
    culprit = `${broken.via}'s Caddy or the ${broken.via} → ${inner} hop`;
  }
  return { links, summary, culprit, brokenVia: broken.via };
}

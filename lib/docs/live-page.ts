import { getSnapshot } from '../snapshot-store';
import { annotateClaims, type AnnotateStats } from './annotate';
import { toHtml } from './html';
import { liveDataFrom } from './live-data';
import type { RenderedDoc } from './render';

export interface LiveDoc {
  html: string;
  stats: AnnotateStats | null;
  /** When the snapshot the facts were checked against was taken. */
  checkedAt: string | null;
}

/** A doc's HTML with its facts checked against the latest snapshot; without one, unmarked. */
export async function liveDocHtml(doc: RenderedDoc): Promise<LiveDoc> {
  try {
    const { snapshot } = await getSnapshot();
    const { tree, stats } = annotateClaims(doc.tree, liveDataFrom(snapshot));
    return { html: toHtml(tree), stats, checkedAt: snapshot.generatedAt };
  } catch (e) {
    console.error('docs: live facts unavailable', e);
    return { html: toHtml(doc.tree), stats: null, checkedAt: null };
  }
}

export type HeadlineTone = 'good' | 'warn' | 'bad';

export interface HeadlineProblem {
  /** The contributor that found it (lib/headline): 'orbstack', 'machines', 'services', 'paths', ... */
  from: string;
  text: string;
  /** A note rides along with "All 3 services up" (a broken path, a check); a problem replaces it. */
  note: boolean;
}

/** The page's one-line answer, computed once per round on the server; the page only draws it. */
export interface Headline {
  /** good: nothing to say; warn: only notes; bad: at least one problem. */
  tone: HeadlineTone;
  text: string;
  /** In the order the contributors found them. */
  problems: HeadlineProblem[];
}

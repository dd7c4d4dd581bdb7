import type { Element, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { addHeadingAnchors, type TocEntry } from './headings';
import { highlightCode } from './highlight';
import { rewriteHref } from './links';

export interface DocSection {
  /** The heading the text falls under; empty for text before the first heading. */
  headingId: string;
  heading: string;
  text: string;
}

export interface RenderedDoc {
  title: string;
  summary: string;
  toc: TocEntry[];
  /** Sanitised, highlighted HTML tree; live facts are added per request on a copy. */
  tree: Root;
  sections: DocSection[];
}

// Raw HTML in the markdown is parsed, then sanitised with GitHub's rules: no script, no event
// handlers, no javascript: links. Our own additions (ids, highlighting) come after, so they stay.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeSanitize);

export async function renderMarkdown(markdown: string, fallbackTitle: string): Promise<RenderedDoc> {
  const tree = (await processor.run(processor.parse(markdown))) as Root;
  const toc = addHeadingAnchors(tree);
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'a' && typeof node.properties?.href === 'string') node.properties.href = rewriteHref(node.properties.href);
  });
  await highlightCode(tree);
  const h1 = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'h1');
  const firstPara = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'p');
  return {
    title: h1 ? headingText(h1) : fallbackTitle,
    summary: firstPara ? clip(toString(firstPara).replace(/\s+/g, ' ').trim(), 220) : '',
    toc,
    tree,
    sections: sectionsOf(tree.children),
  };
}

function sectionsOf(children: RootContent[]): DocSection[] {
  const sections: DocSection[] = [];
  let current: DocSection = { headingId: '', heading: '', text: '' };
  for (const c of children) {
    if (c.type !== 'element') continue;
    if (/^h[1-6]$/.test(c.tagName)) {
      if (current.heading || current.text.trim()) sections.push(current);
      current = { headingId: String(c.properties?.id ?? ''), heading: headingText(c), text: '' };
    } else {
      current.text += ` ${plainText(c)}`;
    }
  }
  if (current.heading || current.text.trim()) sections.push(current);
  return sections.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ').trim() }));
}

// Table cells and list items would otherwise run together ("Matter bridgediscovers ..."); copy buttons are not content.
const SPACED = new Set(['td', 'th', 'tr', 'li', 'p', 'pre', 'div', 'br']);
function plainText(node: Element | RootContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' || node.tagName === 'button') return '';
  const inner = node.children.map(plainText).join('');
  return SPACED.has(node.tagName) ? ` ${inner} ` : inner;
}

/** Heading text without the "#" self-link added to it. */
function headingText(h: Element): string {
  return toString({ ...h, children: h.children.filter((c) => !(c.type === 'element' && c.tagName === 'a' && (c.properties?.className as string[] | undefined)?.includes('heading-anchor'))) }).trim();
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1).replace(/\s+\S*$/, '')}…`;
}

import GithubSlugger from 'github-slugger';
import { toString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export interface TocEntry {
  depth: number;
  id: string;
  text: string;
}

const HEADING = /^h([1-6])$/;

/** The id GitHub would give a heading with this text ("OrbStack VM network limitations" → "orbstack-vm-network-limitations"). */
export function headingId(text: string, slugger = new GithubSlugger()): string {
  return slugger.slug(text.trim()) || 'section';
}

/** Give every heading an id and a link to itself; return the table of contents (h2 and h3). */
export function addHeadingAnchors(tree: Root): TocEntry[] {
  const slugger = new GithubSlugger();
  const toc: TocEntry[] = [];
  visit(tree, 'element', (node: Element) => {
    const m = HEADING.exec(node.tagName);
    if (!m) return;
    const text = toString(node).trim();
    const id = headingId(text, slugger);
    node.properties = { ...node.properties, id, tabIndex: -1 };
    node.children.push({
      type: 'element',
      tagName: 'a',
      properties: { href: `#${id}`, className: ['heading-anchor'], ariaLabel: `Link to the section ${text}` },
      children: [{ type: 'text', value: '#' }],
    });
    const depth = Number(m[1]);
    if (depth === 2 || depth === 3) toc.push({ depth, id, text });
  });
  return toc;
}

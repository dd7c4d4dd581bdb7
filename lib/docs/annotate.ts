import type { Element, ElementContent, Root, Text } from 'hast';
import { toString } from 'hast-util-to-string';
import { checkClaim, detectClaims, isLiveKey, liveValue, type Claim, type LiveData, type Verdict } from './claims';

const BLOCKS = new Set(['p', 'li', 'tr', 'blockquote', 'dd', 'dt', 'figcaption']);
const SKIP = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'script', 'style']);

export interface AnnotateStats {
  confirmed: number;
  differs: number;
}

/**
 * Mark each checkable fact in a copy of a rendered doc: a quiet mark when the live data agrees,
 * a visible note when it does not. The cached tree is never changed.
 */
export function annotateClaims(tree: Root, live: LiveData): { tree: Root; stats: AnnotateStats } {
  const copy = structuredClone(tree);
  const stats: AnnotateStats = { confirmed: 0, differs: 0 };
  walk(copy, '', live, stats);
  return { tree: copy, stats };
}

function walk(parent: Root | Element, context: string, live: LiveData, stats: AnnotateStats): void {
  for (let i = 0; i < parent.children.length; i++) {
    const node = parent.children[i];
    if (node.type === 'text') {
      const parts = splitText(node, context, live, stats);
      if (parts) {
        parent.children.splice(i, 1, ...(parts as typeof parent.children));
        i += parts.length - 1;
      }
      continue;
    }
    if (node.type !== 'element' || SKIP.has(node.tagName)) continue;
    if (isClass(node, 'code-block')) {
      const note = codeBlockNote(toString(node), live, stats);
      if (note) node.children.push(note);
      continue;
    }
    if (node.tagName === 'code' && isLiveKey(toString(node))) {
      parent.children[i] = liveValueNode(toString(node), live);
      continue;
    }
    if (node.tagName === 'code') {
      // Marks go after inline code, not inside it, so the code stays copyable as written.
      const marks = marksFor(detectClaims(toString(node)), context, live, stats);
      parent.children.splice(i + 1, 0, ...(marks as typeof parent.children));
      i += marks.length;
      continue;
    }
    walk(node, BLOCKS.has(node.tagName) ? toString(node) : context, live, stats);
  }
}

function splitText(node: Text, context: string, live: LiveData, stats: AnnotateStats): ElementContent[] | null {
  const facts = detectClaims(node.value);
  if (facts.length === 0) return null;
  const out: ElementContent[] = [];
  let at = 0;
  let marked = false;
  for (const f of facts) {
    const marks = marksFor([f], context, live, stats);
    if (marks.length === 0) continue;
    const end = f.index + f.text.length;
    out.push({ type: 'text', value: node.value.slice(at, end) }, ...marks);
    at = end;
    marked = true;
  }
  if (!marked) return null;
  if (at < node.value.length) out.push({ type: 'text', value: node.value.slice(at) });
  return out;
}

function marksFor(facts: Claim[], context: string, live: LiveData, stats: AnnotateStats): Element[] {
  const out: Element[] = [];
  for (const f of facts) {
    const v = checkClaim(f, context, live);
    if (v) out.push(mark(f, v, stats));
  }
  return out;
}

function codeBlockNote(code: string, live: LiveData, stats: AnnotateStats): Element | null {
  const seen = new Set<string>();
  const items: Element[] = [];
  for (const f of detectClaims(code)) {
    if (seen.has(f.text)) continue;
    seen.add(f.text);
    const v = checkClaim(f, code, live);
    if (v) items.push({ type: 'element', tagName: 'li', properties: {}, children: [{ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: f.text }] }, mark(f, v, stats)] });
  }
  if (items.length === 0) return null;
  return { type: 'element', tagName: 'ul', properties: { className: ['claims'], ariaLabel: 'Live check of this code block' }, children: items };
}

function mark(f: Claim, v: Verdict, stats: AnnotateStats): Element {
  const text = (value: string): Text => ({ type: 'text', value });
  if (v.status === 'confirmed') {
    stats.confirmed++;
    return {
      type: 'element',
      tagName: 'span',
      properties: { className: ['live-fact', 'live-confirmed'], dataLive: 'confirmed', dataFact: f.text, title: `Confirmed live: ${v.detail}` },
      children: [
        { type: 'element', tagName: 'span', properties: { ariaHidden: 'true' }, children: [text('✓ live')] },
        { type: 'element', tagName: 'span', properties: { className: ['visually-hidden'] }, children: [text(`confirmed live: ${v.detail}`)] },
      ],
    };
  }
  stats.differs++;
  return {
    type: 'element',
    tagName: 'span',
    properties: { id: `live-differs-${stats.differs}`, className: ['live-fact', 'live-differs'], dataLive: 'differs', dataFact: f.text, role: 'note' },
    children: [
      { type: 'element', tagName: 'span', properties: { ariaHidden: 'true' }, children: [text('▲ ')] },
      text('docs say '),
      { type: 'element', tagName: 'strong', properties: {}, children: [text(v.said)] },
      text(', the system reports '),
      { type: 'element', tagName: 'strong', properties: {}, children: [text(v.reported)] },
      { type: 'element', tagName: 'span', properties: { className: ['live-source'] }, children: [text(` (${v.source})`)] },
    ],
  };
}

function liveValueNode(key: string, live: LiveData): Element {
  const v = liveValue(key, live);
  return v
    ? { type: 'element', tagName: 'span', properties: { className: ['live-value'], dataLive: 'value', dataKey: key, title: `Live value (${v.detail})` }, children: [{ type: 'text', value: v.value }] }
    : { type: 'element', tagName: 'code', properties: { dataLive: 'unknown-key', title: 'The dashboard knows no such live value' }, children: [{ type: 'text', value: key }] };
}

function isClass(node: Element, cls: string): boolean {
  const c = node.properties?.className;
  return Array.isArray(c) && c.includes(cls);
}

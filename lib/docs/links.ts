import { isSafeSlug } from './slug';

/**
 * Where a link in a doc should go in the dashboard: "./mini.md#x" → "/docs/mini#x",
 * "#x" stays, other sites stay. Links to files that are not docs are left as written.
 */
export function rewriteHref(href: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('#') || href.startsWith('/')) return href;
  const hash = href.indexOf('#');
  const file = hash === -1 ? href : href.slice(0, hash);
  const fragment = hash === -1 ? '' : href.slice(hash);
  const m = /^(?:\.\/)?(?:docs\/)?([^/]+)\.md$/i.exec(file);
  if (!m || !isSafeSlug(m[1])) return href;
  return `/docs/${m[1]}${fragment}`;
}

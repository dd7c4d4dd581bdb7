// A slug is a doc's file name without ".md". Anything else in a URL (dots, slashes, encoded
// characters, shell metacharacters) can never name a file, so it is simply not found.
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export function isSafeSlug(slug: unknown): slug is string {
  return typeof slug === 'string' && SLUG.test(slug);
}

/** "mini-vm.md" → "mini-vm"; null for files that are not docs or whose names cannot be a slug. */
export function slugFromFileName(name: string): string | null {
  if (!name.endsWith('.md')) return null;
  const slug = name.slice(0, -3);
  return isSafeSlug(slug) ? slug : null;
}

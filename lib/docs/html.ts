import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

const stringifier = unified().use(rehypeStringify);

export function toHtml(tree: Root): string {
  return stringifier.stringify(tree);
}

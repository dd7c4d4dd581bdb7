import { isNode, type Document, type LineCounter } from 'yaml';

export type Where = (path: readonly (string | number)[]) => string;

/**
 * "file:line" for a path into the YAML, at the deepest node that exists in the file, so an unknown
 * key or a missing field still gets a line; just the file when there is none.
 */
export function locator(source: string, doc: Document | undefined, lines: LineCounter): Where {
  return (path) => {
    let line: number | undefined;
    for (let n = path.length; doc && n >= 0 && line === undefined; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) line = lines.linePos(node.range[0]).line;
    }
    return `${source}${line ? `:${line}` : ''}`;
  };
}

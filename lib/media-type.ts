// A Content-Type value as RFC 9110 (8.3.1) defines it: type "/" subtype, then parameters.
// Parsed rather than matched by prefix, so "application/json-patch+json" is not JSON.

export interface MediaType {
  /** Lower-case, as the names are case-insensitive. */
  type: string;
  subtype: string;
  /** Names lower-case; values as sent, with quoted strings unquoted. */
  params: Map<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const HEAD = new RegExp(`^[ \\t]*(${TOKEN})/(${TOKEN})[ \\t]*`);
const PARAM = new RegExp(`^;[ \\t]*(?:(${TOKEN})=(?:(${TOKEN})|"((?:[^"\\\\\\x00-\\x08\\x0a-\\x1f\\x7f]|\\\\[\\t\\x20-\\x7e\\x80-\\xff])*)"))?[ \\t]*`);

/** The media type in a Content-Type header; null when the header is missing or not one. */
export function parseMediaType(header: string | null | undefined): MediaType | null {
  if (!header || header.length > 1024) return null;
  const head = HEAD.exec(header);
  if (!head) return null;
  const params = new Map<string, string>();
  let rest = header.slice(head[0].length);
  while (rest !== '') {
    const p = PARAM.exec(rest);
    if (!p) return null;
    if (p[1]) {
      const name = p[1].toLowerCase();
      // A repeated parameter is ambiguous: refuse it rather than guess which one counts.
      if (params.has(name)) return null;
      params.set(name, p[2] ?? p[3].replace(/\\(.)/g, '$1'));
    }
    rest = rest.slice(p[0].length);
  }
  return { type: head[1].toLowerCase(), subtype: head[2].toLowerCase(), params };
}

/** application/json exactly; a charset, if named, must be UTF-8, the only one JSON has (RFC 8259). */
export function isJsonMediaType(header: string | null | undefined): boolean {
  const m = parseMediaType(header);
  if (!m || m.type !== 'application' || m.subtype !== 'json') return false;
  const charset = m.params.get('charset');
  return charset === undefined || charset.toLowerCase() === 'utf-8';
}

/**
 * Headers for an answer no browser or proxy may keep: live state, a session, a one-off action.
 * Every route and the proxy use this, so "never cached" is decided in one place.
 */
export function noStore(headers: Record<string, string> = {}): Record<string, string> {
  return { ...headers, 'cache-control': 'no-store' };
}

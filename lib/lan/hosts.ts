import os from 'node:os';

/** The host name in a Host header, lower-case, without port or IPv6 brackets; null when unreadable. */
export function hostName(header: string | null | undefined): string | null {
  if (!header) return null;
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return null;
    const rest = h.slice(end + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return null;
    return h.slice(1, end);
  }
  const m = h.match(/^([^:\s/\\@]+)(?::(\d{1,5}))?$/);
  if (!m) return null;
  return m[1].replace(/\.$/, '');
}

/**
 * The names and addresses this machine answers to on the LAN, computed at start-up: loopback,
 * its host name with and without ".local", and every interface address.
 */
export function defaultHosts(): string[] {
  const names = new Set(['localhost', '127.0.0.1', '::1']);
  const full = os.hostname().toLowerCase().replace(/\.$/, '');
  if (full) {
    const short = full.split('.')[0];
    for (const n of [full, short, `${short}.local`]) names.add(n);
  }
  for (const list of Object.values(os.networkInterfaces())) {
    for (const i of list ?? []) names.add(i.address.toLowerCase().split('%')[0]);
  }
  return [...names];
}

/** Exact names, or "*.example.lan" for any name under a domain. */
export function hostAllowed(name: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => {
    const p = a.toLowerCase().replace(/^\[|\]$/g, '');
    if (p.startsWith('*.')) return name.endsWith(p.slice(1)) && name.length > p.length - 1;
    return name === p;
  });
}

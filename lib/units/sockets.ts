export interface ListeningSocket {
  /** The address as ss prints it, without brackets or scope: 0.0.0.0, *, ::, 127.0.0.1, ::1. */
  address: string;
  port: number;
  /** The interface after %, as in 127.0.0.53%lo. */
  scope?: string;
}

/** TCP sockets listening, numeric, without a header. */
export const listeningSocketsArgv = (): string[] => ['ss', '-Hltn'];

function splitAddressPort(local: string): ListeningSocket | null {
  const m = /^(?:\[([^\]]+)\]|([^\s]*?))(?:%([A-Za-z0-9_.@-]+))?:(\d{1,5}|\*)$/.exec(local);
  if (!m || m[4] === '*') return null;
  const port = Number(m[4]);
  if (port < 1 || port > 65535) return null;
  let address = (m[1] ?? m[2] ?? '').toLowerCase();
  let scope = m[3];
  // ss prints a scoped IPv6 address as [fe80::1]%eth0:22, but an older one puts it inside the brackets.
  const inner = address.indexOf('%');
  if (inner > 0) {
    scope = address.slice(inner + 1);
    address = address.slice(0, inner);
  }
  if (!address) return null;
  return scope ? { address, port, scope } : { address, port };
}

/**
 * Parse `ss -Hltn`: State Recv-Q Send-Q Local:Port Peer:Port [Process]. A header line, when a
 * version prints one anyway, and any row that does not fit are skipped.
 */
export function parseListeningSockets(output: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of output.split('\n')) {
    const cols = line.trim().split(/\s+/);
    // The state column is there for -l; allow it missing too (a filter can drop it).
    const at = /^\d+$/.test(cols[0] ?? '') ? 0 : 1;
    if (!/^\d+$/.test(cols[at] ?? '') || !/^\d+$/.test(cols[at + 1] ?? '')) continue;
    const s = splitAddressPort(cols[at + 2] ?? '');
    if (s) sockets.push(s);
  }
  return sockets;
}

const WILDCARD = new Set(['*', '0.0.0.0', '::', '::ffff:0.0.0.0']);

export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase();
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a) || a === '::1' || a === 'localhost' || /^::ffff:127\./.test(a) || a === '0:0:0:0:0:0:0:1';
}

export interface PortExposure {
  /** all: a wildcard address; loopback: only 127.0.0.0/8 or ::1; specific: named addresses, none loopback-only; none: nothing listens. */
  kind: 'all' | 'loopback' | 'specific' | 'none';
  /** Every address listening on the port, as `address:port` ([v6]:port), for the words. */
  listeners: string[];
}

const show = (s: ListeningSocket) => `${s.address.includes(':') ? `[${s.address}]` : s.address}${s.scope ? `%${s.scope}` : ''}:${s.port}`;

/** For port P: does the VM listen on every interface, only on loopback, on some address, or not at all? */
export function portExposure(sockets: readonly ListeningSocket[], port: number): PortExposure {
  const on = sockets.filter((s) => s.port === port);
  const listeners = [...new Set(on.map(show))];
  if (on.length === 0) return { kind: 'none', listeners };
  // A wildcard bound to one interface (0.0.0.0%lo) is not every interface.
  if (on.some((s) => WILDCARD.has(s.address) && (!s.scope || s.scope === '*'))) return { kind: 'all', listeners };
  if (on.every((s) => isLoopbackAddress(s.address) || s.scope === 'lo')) return { kind: 'loopback', listeners };
  return { kind: 'specific', listeners };
}

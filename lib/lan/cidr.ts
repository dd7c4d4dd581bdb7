import net from 'node:net';

/** An address as a bigint in a 128-bit space; IPv4 lives in the IPv4-mapped range (::ffff:a.b.c.d). */
function toBig(addr: string): bigint | null {
  let a = addr.trim();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const kind = net.isIP(a);
  if (kind === 4) return 0xffff00000000n | BigInt(a.split('.').reduce((n, o) => n * 256 + Number(o), 0));
  if (kind !== 6) return null;
  // Expand "::" and an embedded dotted quad, then read eight 16-bit groups.
  let text = a.toLowerCase();
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const v4 = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8) return null;
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

export interface Cidr {
  text: string;
  base: bigint;
  mask: bigint;
}

const ALL = (1n << 128n) - 1n;

/** Parse "192.168.50.0/24", "fe80::/10" or a bare address (a /32 or /128). Null when it is not one. */
export function parseCidr(text: string): Cidr | null {
  const [addr, bits, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const base = toBig(addr);
  if (base === null) return null;
  const isV4 = net.isIP(addr.trim()) === 4;
  const max = isV4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  const n = bits === undefined ? max : Number(bits);
  if (n > max) return null;
  const prefix = isV4 ? 96 + n : n;
  const mask = prefix === 0 ? 0n : (ALL << BigInt(128 - prefix)) & ALL;
  return { text, base: base & mask, mask };
}

export const isCidr = (text: string) => parseCidr(text) !== null;

/** Whether an address (IPv4, IPv6 or IPv4-mapped IPv6) falls inside any of the ranges. */
export function inNetworks(address: string, networks: readonly Cidr[]): boolean {
  const a = toBig(address);
  if (a === null) return false;
  return networks.some((c) => (a & c.mask) === c.base);
}

/** Loopback, the private ranges and link-local: the LAN a home dashboard is meant for. */
export const defaultNetworks = [
  '127.0.0.0/8',
  '::1/128',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  'fc00::/7',
  'fe80::/10',
];

import dns from 'node:dns';
import net from 'node:net';

// On the development machine nothing may leave loopback: with DASHBOARD_LOOPBACK_ONLY=1 every
// probe and check refuses any address outside 127.0.0.0/8 and ::1 before a packet is sent.

export const loopbackOnly = (env: NodeJS.ProcessEnv = process.env) => env.DASHBOARD_LOOPBACK_ONLY === '1';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopbackAddress(ip: string): boolean {
  const a = ip.replace(/^\[|\]$/g, '').toLowerCase();
  if (net.isIPv4(a)) return a.split('.')[0] === '127';
  if (!net.isIPv6(a)) return false;
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return Boolean(mapped && net.isIPv4(mapped[1]) && mapped[1].split('.')[0] === '127');
}

/**
 * Why a host may not be contacted, or null when it may. Only IP literals can be judged here;
 * names are judged after resolution by loopbackLookup.
 */
export function refuseHost(host: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (!loopbackOnly(env)) return null;
  const h = host.replace(/^\[|\]$/g, '');
  if (net.isIP(h) && !isLoopbackAddress(h)) return `${h} is not a loopback address (DASHBOARD_LOOPBACK_ONLY=1)`;
  return null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** dns.lookup, but any answer outside loopback becomes an error (code ENOTLOOPBACK). */
export function loopbackLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => !isLoopbackAddress(a.address));
    if (bad || list.length === 0) {
      const e: NodeJS.ErrnoException & { address?: string } = new Error(`${hostname} resolves to ${bad?.address ?? 'nothing'}, outside loopback (DASHBOARD_LOOPBACK_ONLY=1)`);
      e.code = 'ENOTLOOPBACK';
      if (bad) e.address = bad.address;
      return callback(e, '');
    }
    if (options.all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}

/** The lookup to pass to http.request / net.connect: the loopback-only one under DASHBOARD_LOOPBACK_ONLY=1. */
export function netLookup(env: NodeJS.ProcessEnv = process.env): typeof loopbackLookup | undefined {
  return loopbackOnly(env) ? loopbackLookup : undefined;
}

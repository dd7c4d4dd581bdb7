import type { Config } from '../config-schema';
import type { ErrorCode } from '../http-errors';
import { defaultNetworks, inNetworks, parseCidr, type Cidr } from './cidr';
import { defaultHosts, hostAllowed, hostName } from './hosts';

export interface LanPolicy {
  hosts: string[];
  networks: Cidr[];
}

export type Verdict = { ok: true } | { ok: false; status: number; code: ErrorCode; message: string };

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * allowedHosts replaces the computed names of this machine (loopback always stays allowed);
 * allowedNetworks replaces the default LAN ranges. Invalid CIDRs are rejected by the config schema.
 */
export function lanPolicy(config: Pick<Config, 'allowedHosts' | 'allowedNetworks'>): LanPolicy {
  const hosts = config.allowedHosts ? [...LOOPBACK_NAMES, ...config.allowedHosts] : defaultHosts();
  const networks = (config.allowedNetworks ?? defaultNetworks).map(parseCidr).filter((c): c is Cidr => c !== null);
  return { hosts, networks };
}

const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);

/** Decide whether a request may be served, from its Host header and the socket's peer address. */
export function checkAccess(policy: LanPolicy, hostHeader: string | null, peer: string | null): Verdict {
  if (peer === null) {
    return { ok: false, status: 403, code: 'peer_unknown', message: 'The dashboard could not tell where this request came from, so it refused it.' };
  }
  if (!inNetworks(peer, policy.networks)) {
    return {
      ok: false,
      status: 403,
      code: 'network_not_allowed',
      message: `Requests from ${printable(peer)} are not allowed. To allow that network, add it (as a CIDR) to allowedNetworks in the dashboard config.`,
    };
  }
  const name = hostName(hostHeader);
  if (name === null || !hostAllowed(name, policy.hosts)) {
    // 421: the name is not one this server answers to, the usual sign of DNS rebinding.
    return {
      ok: false,
      status: 421,
      code: 'host_not_allowed',
      message: `This dashboard does not answer to the host name "${printable(hostHeader ?? '')}". If you use that name on purpose, add it to allowedHosts in the dashboard config.`,
    };
  }
  return { ok: true };
}

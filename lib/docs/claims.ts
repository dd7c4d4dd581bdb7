import { answers, probeFailed } from '../states';
import type { ServiceState } from '../types';

// Claims a page makes that the dashboard can check against what it already knows. Pure: the
// live data is passed in, and nothing here ever contacts an address a document mentions.

export type ClaimKind = 'ipv4' | 'host-port' | 'orb-host' | 'port';

export interface Claim {
  kind: ClaimKind;
  /** The text as the page wrote it. */
  text: string;
  index: number;
  host?: string;
  port?: number;
}

export interface LiveMachine {
  name: string;
  state: string;
  /** The address orb reports now. */
  address?: string;
  /** The address the config expects (machines[].expectedAddress). */
  expectedAddress?: string;
}

export interface LiveService {
  id: string;
  name: string;
  machine: string;
  host: string;
  port: number;
  state: ServiceState;
  reason: string;
}

export interface LiveCheck {
  target: string;
  from: string;
  expect: 'reachable' | 'unreachable';
  observed: 'reachable' | 'unreachable' | 'unknown';
}

export interface LiveData {
  orbState: string;
  machines: LiveMachine[];
  /** Machines orb lists that the config does not name. */
  otherMachines: { name: string; state: string }[];
  services: LiveService[];
  checks: LiveCheck[];
}

/** `reported` is what the system says instead; `source` names where that came from. */
export type Verdict = { status: 'confirmed'; detail: string } | { status: 'differs'; said: string; reported: string; source: string };

const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4 = `${octet}(?:\\.${octet}){3}`;
const hostname = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+';
// One pass, longest form first: host:port, then a bare .orb.local name, then a bare address,
// then "port 8096". An address followed by /nn is a network, not a claim about one machine.
const claimPattern = new RegExp(
  [
    `(?<![\\w.-])(?<hp>(?<hphost>${ipv4}|${hostname}|localhost):(?<hpport>\\d{1,5}))(?![\\w.:-])`,
    `(?<![\\w.-])(?<orb>(?<orbname>[a-z0-9][a-z0-9-]*)\\.orb\\.local)(?![\\w-])`,
    `(?<![\\w.-])(?<ip>${ipv4})(?![\\w/:-]|\\.\\d)`,
    `\\bports?\\s+(?<port>\\d{2,5})\\b`,
  ].join('|'),
  'gi',
);

/** Every checkable claim in a piece of text, in order, never overlapping. */
export function detectClaims(text: string): Claim[] {
  const out: Claim[] = [];
  for (const m of text.matchAll(claimPattern)) {
    const g = m.groups ?? {};
    const index = m.index ?? 0;
    if (g.hp) {
      const port = Number(g.hpport);
      if (port < 1 || port > 65535) continue;
      out.push({ kind: 'host-port', text: g.hp, index, host: g.hphost.toLowerCase(), port });
    } else if (g.orb) {
      out.push({ kind: 'orb-host', text: g.orb, index, host: g.orb.toLowerCase() });
    } else if (g.ip) {
      if (unspecific(g.ip)) continue;
      out.push({ kind: 'ipv4', text: g.ip, index, host: g.ip });
    } else if (g.port) {
      const port = Number(g.port);
      if (port < 1 || port > 65535) continue;
      out.push({ kind: 'port', text: m[0], index, port });
    }
  }
  return out;
}

// Wildcards, loopback and broadcast say nothing about a particular machine.
function unspecific(ip: string): boolean {
  return ip === '0.0.0.0' || ip.startsWith('127.') || ip.startsWith('255.');
}

/**
 * Compare one claim with the live data. `context` is the text of the block the claim sits in (a
 * paragraph, list item, table row or code block): it tells an address about the VM from others.
 * Returns null when the dashboard has nothing to check the claim against.
 */
export function checkClaim(claim: Claim, context: string, live: LiveData): Verdict | null {
  switch (claim.kind) {
    case 'ipv4':
      return checkAddress(claim.text, context, live);
    case 'orb-host':
      return checkOrbHost(claim.host!, live);
    case 'host-port':
      return checkHostPort(claim, context, live);
    case 'port':
      return checkPort(claim.port!, context, live);
  }
}

function checkAddress(ip: string, context: string, live: LiveData): Verdict | null {
  for (const m of live.machines) {
    if (!m.address) continue;
    if (ip === m.address) return { status: 'confirmed', detail: `orb reports ${m.name} at ${m.address}` };
    const aboutMachine = ip === m.expectedAddress || (sameSlash24(ip, m.address) && mentionsMachine(context, m.name));
    if (aboutMachine) return { status: 'differs', said: ip, reported: m.address, source: `orb, address of ${m.name}` };
  }
  const check = live.checks.find((c) => c.target === ip && c.observed !== 'unknown');
  if (check) {
    const as = check.observed === check.expect ? 'confirmed' : 'differs';
    const what = `${ip} is ${check.observed} from ${check.from}`;
    return as === 'confirmed'
      ? { status: 'confirmed', detail: `the dashboard's check finds ${what}, as expected` }
      : { status: 'differs', said: `${ip} is ${check.expect} from ${check.from}`, reported: `${check.observed}`, source: "the dashboard's check" };
  }
  return null;
}

function checkOrbHost(host: string, live: LiveData): Verdict | null {
  const name = host.replace(/\.orb\.local$/, '');
  const known = live.machines.find((m) => m.name.toLowerCase() === name) ?? live.otherMachines.find((m) => m.name.toLowerCase() === name);
  if (known?.state === 'running') {
    const address = 'address' in known && known.address ? ` at ${known.address}` : '';
    return { status: 'confirmed', detail: `orb lists ${known.name}, running${address}` };
  }
  if (known?.state === 'missing' || (!known && live.orbState === 'running')) {
    return { status: 'differs', said: host, reported: `no machine named ${name}`, source: 'orb list' };
  }
  return null;
}

function checkHostPort(claim: Claim, context: string, live: LiveData): Verdict | null {
  const matches = live.services.filter((s) => s.host === claim.host && s.port === claim.port);
  if (matches.length > 0) {
    const answering = matches.find((s) => answers(s.state));
    if (answering) return { status: 'confirmed', detail: `${answering.name} answers at ${claim.text} (${answering.state})` };
    const failing = matches.find((s) => probeFailed(s.state));
    if (failing) return { status: 'differs', said: `${failing.name} at ${claim.text}`, reported: `${failing.state}: ${failing.reason}`, source: 'probe' };
    return null;
  }
  // Not a probed endpoint, so the port cannot be confirmed; but a host that is plainly wrong is worth saying.
  const host = claim.host!.endsWith('.orb.local') ? checkOrbHost(claim.host!, live) : /^\d/.test(claim.host!) ? checkAddress(claim.host!, context, live) : null;
  return host?.status === 'differs' ? host : null;
}

/** "Jellyfin (port 8096)": only when the block names exactly one service that is probed on its VM. */
function checkPort(port: number, context: string, live: LiveData): Verdict | null {
  const named = live.services.filter((s) => mentions(context, s.name) || mentions(context, s.id));
  if (named.length !== 1) return null;
  const s = named[0];
  const machine = live.machines.find((m) => m.name === s.machine);
  const onVm = s.host === `${s.machine.toLowerCase()}.orb.local` || (machine && (s.host === machine.address || s.host === machine.expectedAddress));
  // A probe through a proxy or a forwarded port says nothing about the port inside the VM.
  if (!onVm) return null;
  if (s.port === port) return answers(s.state) ? { status: 'confirmed', detail: `${s.name} answers on port ${port} (${s.state})` } : null;
  return { status: 'differs', said: `${s.name} on port ${port}`, reported: `${s.name} on port ${s.port}`, source: 'probe URL in the config' };
}

function sameSlash24(a: string, b: string): boolean {
  return a.split('.').slice(0, 3).join('.') === b.split('.').slice(0, 3).join('.');
}

function mentionsMachine(context: string, name: string): boolean {
  return mentions(context, name) || /\bVM\b/.test(context);
}

function mentions(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w-])${escaped}($|[^\\w-])`, 'i').test(text);
}

// The explicit syntax: inline code such as `live:mini-vm.address` or `live:jellyfin.state` is
// replaced by the value the dashboard sees now. Plain markdown needs none of it.
const LIVE_KEY = /^live:([A-Za-z0-9][A-Za-z0-9_-]*)\.(address|state|url)$/;

/** Shaped like a key (`live:name.field`), known or not; `live:<name>.<field>` in prose stays code. */
export function isLiveKey(code: string): boolean {
  return /^live:[A-Za-z0-9][A-Za-z0-9_-]*\.[a-z]+$/.test(code.trim());
}

/** The current value for a `live:` key, or null when the key names nothing the dashboard knows. */
export function liveValue(code: string, live: LiveData): { value: string; detail: string } | null {
  const m = LIVE_KEY.exec(code.trim());
  if (!m) return null;
  const [, name, field] = m;
  const machine = live.machines.find((x) => x.name === name);
  if (machine && field === 'address') return { value: machine.address ?? 'no address', detail: `orb, address of ${name}` };
  if (machine && field === 'state') return { value: machine.state, detail: `orb, state of ${name}` };
  const service = live.services.find((x) => x.id === name);
  if (service && field === 'state') return { value: service.state, detail: `probe of ${service.name}: ${service.reason}` };
  if (service && field === 'url') return { value: `${service.host}:${service.port}`, detail: `probe URL of ${service.name}` };
  return null;
}

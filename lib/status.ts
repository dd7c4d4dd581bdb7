import type { Config, MachineConfig, ServiceConfig } from './config-schema';
import { runChecks } from './checks';
import { readMachineAddress, readOrb, type OrbReport } from './orb';
import type { OrbMachine } from './orb-parse';
import { kindOf } from './kinds';
import { probeUrl } from './probes';
import { readUpstreams } from './probes/caddy-upstreams';
import { redactUrl } from './redact';
import { SlowFacts } from './slow-facts';
import { isAvailable, machineDown, machineRuns } from './states';
import type { ComposedSnapshot, MachineStatus, PathStatus, ProbeResult, ServiceStatus } from './types';

/**
 * Compose one snapshot: OrbStack, then each machine, then each service on it, all probed in
 * parallel. A poller passes the same `slow` from round to round, so network checks and VM
 * addresses are read every checkIntervalMs rather than every round.
 */
export async function composeSnapshot(config: Config, slow: SlowFacts = new SlowFacts(0)): Promise<ComposedSnapshot> {
  const started = performance.now();
  const orb = await readOrb(config.orb);
  // Checks depend on which machines run: a start or stop re-runs them at once. Only an all-clear
  // is kept; a check that disagrees with the docs runs again every round until it agrees.
  const runsKey = `${orb.state} ${orb.machines?.map((m) => `${m.name}=${m.state}`).join(',') ?? ''}`;
  // One Caddy admin API serves every path through that hop: ask it once per round.
  const asked = new Map<string, ReturnType<typeof readUpstreams>>();
  const upstreams: UpstreamsOf = (admin, timeoutMs) => asked.get(admin) ?? asked.set(admin, readUpstreams(admin, timeoutMs)).get(admin)!;
  const [machines, checks] = await Promise.all([
    Promise.all(config.machines.map((m) => machineStatus(config, m, orb, slow, upstreams))),
    slow.get('checks', runsKey, () => runChecks(config, orb), (cs) => cs.every((c) => c.ok)),
  ]);
  const known = new Set(config.machines.map((m) => m.name));
  const others = orb.machines?.filter((m) => !known.has(m.name)).map((m) => ({ name: m.name, state: m.state }));
  return {
    generatedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    pollIntervalMs: config.pollIntervalMs,
    checkIntervalMs: config.checkIntervalMs,
    orbstack: { state: orb.state, ...(orb.reason ? { reason: orb.reason } : {}), ...(others?.length ? { others } : {}) },
    machines,
    ...(checks.length ? { checks } : {}),
  };
}

type UpstreamsOf = (admin: string, timeoutMs: number) => ReturnType<typeof readUpstreams>;

async function machineStatus(config: Config, m: MachineConfig, orb: OrbReport, slow: SlowFacts, upstreams: UpstreamsOf): Promise<MachineStatus> {
  const listed = orb.machines?.find((x) => x.name === m.name);
  const base = describeMachine(m.name, orb, listed);
  // Asked beside the service probes, not before them: a round is as long as its slowest step.
  const address =
    listed && machineRuns(listed.state) && !listed.address
      ? slow.get(`address ${m.name}`, 'running', () => readMachineAddress(config.orb, m.name), (a) => a !== undefined)
      : undefined;
  const services = probeServices(m, orb, listed, upstreams);
  if (address) base.address = await address;
  if (m.expectedAddress) {
    const observed = base.address ?? null;
    // A stopped VM has no address; that is not drift.
    base.addressDrift = { expected: m.expectedAddress, observed, ok: observed === m.expectedAddress || (observed === null && !machineRuns(base.state)) };
  }
  base.services = await services;
  return base;
}

function probeServices(m: MachineConfig, orb: OrbReport, listed: OrbMachine | undefined, upstreams: UpstreamsOf): Promise<ServiceStatus[]> {
  // A stopped VM is one fact, not one outage per service: its services are not probed. One orb
  // does not list at all is probed anyway: the config may name it wrongly.
  const notProbed: ProbeResult | null =
    orb.state === 'stopped'
      ? { state: 'vm-stopped', cause: 'orb-stopped', latencyMs: null }
      : listed && machineDown(listed.state)
        ? { state: 'vm-stopped', cause: 'machine-not-running', machine: m.name, machineState: listed.state, latencyMs: null }
        : null;
  return Promise.all(m.services.map((s) => (notProbed ? Promise.resolve(notProbedStatus(s, notProbed)) : probeService(s, upstreams))));
}

function describeMachine(name: string, orb: OrbReport, listed: OrbMachine | undefined): MachineStatus {
  const common = { name, services: [] as ServiceStatus[] };
  if (orb.state === 'not-installed' || orb.state === 'error') {
    return { ...common, state: 'unknown', reason: `VM state unknown: ${orb.reason ?? 'orb failed'}; services are probed anyway` };
  }
  if (orb.state === 'stopped') return { ...common, state: 'stopped', reason: 'OrbStack is stopped, so the VM is not running' };
  if (!orb.machines) return { ...common, state: 'unknown', reason: orb.reason ?? 'orb did not list its machines' };
  if (!listed) return { ...common, state: 'missing', reason: `orb list does not show a machine named ${name}` };
  const reason =
    listed.state === 'unknown' ? `orb reports an unfamiliar state "${listed.rawState.slice(0, 40)}"` : listed.state === 'running' ? 'running' : `orb reports it ${listed.state}`;
  return {
    ...common,
    state: listed.state,
    ...(listed.state === 'unknown' ? { rawState: listed.rawState.slice(0, 40) } : {}),
    reason,
    distro: listed.distro,
    version: listed.version,
    arch: listed.arch,
    address: listed.address,
  };
}

async function probeService(s: ServiceConfig, upstreams: UpstreamsOf): Promise<ServiceStatus> {
  // Access paths run beside the main probe; a path with the main URL reuses its answer.
  const main = probeUrl(s, s.url);
  const [paths, detail] = await Promise.all([
    Promise.all(
      s.paths.map(async (p): Promise<PathStatus> => {
        const [r, up] = await Promise.all([p.url === s.url ? main : probeUrl(s, p.url), p.admin ? upstreams(p.admin, s.timeoutMs) : undefined]);
        return { ...pathStatus(p, r), ...up };
      }),
    ),
    activity(s, main),
  ]);
  const r = await main;
  return { ...serviceStatus(s, detail ? { ...r, detail } : r), ...(paths.length ? { paths } : {}) };
}

/** What the service is doing, for a kind that can tell, asked only once the probe finds it available. */
async function activity(s: ServiceConfig, main: ReturnType<typeof probeUrl>): Promise<string | undefined> {
  const ask = kindOf(s.kind).activity;
  if (!ask) return undefined;
  return isAvailable((await main).state) ? ask(s.url, s) : undefined;
}

/** A service that was not probed, and its paths, which share its verdict. */
function notProbedStatus(s: ServiceConfig, verdict: ProbeResult): ServiceStatus {
  const status = serviceStatus(s, verdict);
  return s.paths.length ? { ...status, paths: s.paths.map((p) => pathStatus(p, verdict)) } : status;
}

function pathStatus(p: ServiceConfig['paths'][number], r: ProbeResult): PathStatus {
  // A path's verdict, without what only the service as a whole has.
  const { version: _version, detail: _detail, ...verdict } = r;
  return { ...verdict, via: p.via, url: p.url, ...(p.label ? { label: p.label } : {}) };
}

function serviceStatus(s: ServiceConfig, r: ProbeResult): ServiceStatus {
  return {
    ...r,
    id: s.id,
    name: s.name,
    kind: s.kind,
    kindLabel: kindOf(s.kind).label,
    // Credentials in a configured URL stay on the server.
    url: redactUrl(s.url),
    openUrl: redactUrl(s.openUrl ?? s.url),
    checkedAt: new Date().toISOString(),
  };
}

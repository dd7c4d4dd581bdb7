import type { Config, MachineConfig, ServiceConfig } from './config-schema';
import { readMachineAddress, readOrb, type OrbReport } from './orb';
import type { OrbMachine } from './orb-parse';
import { probeUrl } from './probes';
import { redactUrl } from './redact';
import type { MachineStatus, ServiceStatus, Snapshot } from './types';

/** Compose one snapshot: OrbStack, then each machine, then each service on it, all probed in parallel. */
export async function composeSnapshot(config: Config): Promise<Snapshot> {
  const started = performance.now();
  const orb = await readOrb(config.orb);
  const machines = await Promise.all(config.machines.map((m) => machineStatus(config, m, orb)));
  const known = new Set(config.machines.map((m) => m.name));
  const others = orb.machines?.filter((m) => !known.has(m.name)).map((m) => ({ name: m.name, state: m.state }));
  return {
    generatedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    pollIntervalMs: config.pollIntervalMs,
    orbstack: { state: orb.state, ...(orb.reason ? { reason: orb.reason } : {}), ...(others?.length ? { others } : {}) },
    machines,
  };
}

async function machineStatus(config: Config, m: MachineConfig, orb: OrbReport): Promise<MachineStatus> {
  const listed = orb.machines?.find((x) => x.name === m.name);
  const base = describeMachine(m.name, orb, listed);
  if (listed?.state === 'running' && !listed.address) {
    base.address = await readMachineAddress(config.orb, m.name);
  }
  if (m.expectedAddress) {
    const observed = base.address ?? null;
    base.addressDrift = { expected: m.expectedAddress, observed, ok: observed === m.expectedAddress };
  }
  // A stopped VM is one fact, not one outage per service: its services are not probed.
  const stoppedBecause =
    orb.state === 'stopped' ? 'OrbStack is stopped' : listed && listed.state !== 'running' && listed.state !== 'unknown' ? `${m.name} is ${listed.state}` : null;
  base.services = await Promise.all(
    m.services.map((s): Promise<ServiceStatus> =>
      stoppedBecause ? Promise.resolve(serviceStatus(s, { state: 'vm-stopped', reason: `not probed: ${stoppedBecause}`, latencyMs: null })) : probeService(s),
    ),
  );
  return base;
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

async function probeService(s: ServiceConfig): Promise<ServiceStatus> {
  return serviceStatus(s, await probeUrl(s, s.url));
}

function serviceStatus(s: ServiceConfig, r: Awaited<ReturnType<typeof probeUrl>>): ServiceStatus {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    // Credentials in a configured URL stay on the server.
    url: redactUrl(s.url),
    openUrl: redactUrl(s.openUrl ?? s.url),
    state: r.state,
    reason: r.reason,
    latencyMs: r.latencyMs,
    ...(r.version ? { version: r.version } : {}),
    ...(r.serverName ? { serverName: r.serverName } : {}),
    checkedAt: new Date().toISOString(),
  };
}

import { machineDown, pathBroken } from '../states';
import type { ComposedSnapshot, ServiceState } from '../types';

export interface Finding {
  text: string;
  /** Rides along with "All 3 services up" instead of replacing it. */
  note?: boolean;
  /** Explains everything after it (OrbStack or the VM not running): later contributors are not asked. */
  masks?: boolean;
}

/** One kind of thing the headline can say; a feature that adds a fact adds one of these. */
export interface Contributor {
  from: string;
  find(s: ComposedSnapshot): Finding[];
}

const servicesOf = (s: ComposedSnapshot) => s.machines.flatMap((m) => m.services);
const names = (list: { name: string }[]) => `${list.map((m) => m.name).join(', ')} ${list.length > 1 ? 'are' : 'is'}`;

export const orbstack: Contributor = {
  from: 'orbstack',
  find: ({ orbstack: o }) => (o.state === 'running' ? [] : [{ text: `OrbStack ${o.state === 'not-installed' ? 'not found' : o.state}`, masks: true }]),
};

export const machines: Contributor = {
  from: 'machines',
  find(s) {
    const down = s.machines.filter((m) => machineDown(m.state));
    if (down.length) return [{ text: `${names(down)} not running`, masks: true }];
    const unknown = s.machines.filter((m) => m.state === 'unknown');
    return unknown.length ? [{ text: `${unknown.map((m) => m.name).join(', ')} state unknown` }] : [];
  },
};

const problemOrder: ServiceState[] = ['down', 'pending', 'degraded', 'starting', 'vm-stopped', 'unknown'];

/** "1 down, 2 pending": every state but up, worst first. */
export const services: Contributor = {
  from: 'services',
  find(s) {
    const counts = new Map<string, number>();
    for (const v of servicesOf(s)) if (v.state !== 'up') counts.set(v.state, (counts.get(v.state) ?? 0) + 1);
    return problemOrder.filter((st) => counts.get(st)).map((st) => ({ text: `${counts.get(st)} ${st}` }));
  },
};

/** A service that is up but cannot be reached the way the LAN reaches it. */
export const accessPaths: Contributor = {
  from: 'paths',
  find(s) {
    const n = servicesOf(s).filter((v) => v.state === 'up' && v.paths?.some((p) => pathBroken(p.state))).length;
    return n ? [{ text: `${n} with a broken access path`, note: true }] : [];
  },
};

export const checks: Contributor = {
  from: 'checks',
  find(s) {
    const n = s.checks?.filter((c) => !c.ok).length ?? 0;
    return n ? [{ text: `${n} check${n > 1 ? 's' : ''} not as the docs say`, note: true }] : [];
  },
};

export const addressDrift: Contributor = {
  from: 'address',
  find: (s) => (s.machines.some((m) => m.addressDrift && !m.addressDrift.ok) ? [{ text: 'VM address changed', note: true }] : []),
};

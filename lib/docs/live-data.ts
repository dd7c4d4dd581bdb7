import { probeSentence } from '../probe-sentence';
import type { Snapshot } from '../types';
import type { LiveData } from './claims';

/** What the dashboard already knows, from its latest snapshot, in the shape claims checks against. */
export function liveDataFrom(snapshot: Snapshot): LiveData {
  const services: LiveData['services'] = [];
  for (const m of snapshot.machines) {
    for (const s of m.services) {
      const at = hostPort(s.url);
      if (at) services.push({ id: s.id, name: s.name, machine: m.name, ...at, state: s.state, reason: probeSentence(s) });
    }
  }
  return {
    orbState: snapshot.orbstack.state,
    machines: snapshot.machines.map((m) => ({
      name: m.name,
      state: m.state,
      address: m.address,
      // Present exactly when the config names an expected address (machines[].expectedAddress).
      expectedAddress: m.addressDrift?.expected,
    })),
    otherMachines: snapshot.orbstack.others ?? [],
    services,
    checks: (snapshot.checks ?? []).map((c) => ({ target: c.target, from: c.from, expect: c.expect, observed: c.observed })),
  };
}

function hostPort(url: string): { host: string; port: number } | null {
  try {
    const u = new URL(url);
    return { host: u.hostname.toLowerCase(), port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)) };
  } catch {
    return null;
  }
}

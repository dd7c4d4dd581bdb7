import { diagnoseChain } from '../access-paths';
import { probeSentence } from '../probe-sentence';
import type { ProbeVerdict } from '../types';
import type { AlertEvent, ServiceRef } from './events';

// One alert for the cause, not one per victim: a stopped VM (or OrbStack) is one alert for the
// machine, and an access hop that fails for every service behind it is one alert naming the hop.

/** The part of a snapshot this needs (lib/types.ts Snapshot fits). */
export interface RoundView {
  machines: {
    name: string;
    state: string;
    services: { id: string; name: string; state: string; paths?: readonly (ProbeVerdict & { via: string })[] }[];
  }[];
}

export interface HopFailure {
  /** `hop:<machine>:<via>`: the incident's subject. */
  id: string;
  hop: string;
  machine: string;
  services: ServiceRef[];
  reason: string;
}

/**
 * Hops where the chain breaks for every service that has a path through them (the innermost
 * broken hop: when mini fails, bee behind it fails too, and only mini is named).
 */
export function failingHops(round: RoundView): HopFailure[] {
  const out: HopFailure[] = [];
  for (const m of round.machines) {
    if (m.state !== 'running') continue;
    const behind = new Map<string, { refs: ServiceRef[]; broken: number; reason: string }>();
    for (const s of m.services) {
      if (!s.paths?.length) continue;
      const d = diagnoseChain(s.paths, m.name, s.name);
      for (const p of s.paths) {
        if (p.via === 'direct') continue;
        const h = behind.get(p.via) ?? { refs: [], broken: 0, reason: '' };
        h.refs.push({ service: s.id, name: s.name });
        if (d.brokenVia === p.via) [h.broken, h.reason] = [h.broken + 1, h.reason || probeSentence(p)];
        behind.set(p.via, h);
      }
    }
    for (const [hop, h] of behind) {
      if (h.broken === h.refs.length) out.push({ id: `hop:${m.name}:${hop}`, hop, machine: m.name, services: h.refs, reason: h.reason });
    }
  }
  return out;
}

/** Which hops began and stopped failing between two rounds. */
export function hopChanges(before: readonly HopFailure[], now: readonly HopFailure[]): { started: HopFailure[]; ended: HopFailure[] } {
  const was = new Set(before.map((h) => h.id));
  const is = new Set(now.map((h) => h.id));
  return { started: now.filter((h) => !was.has(h.id)), ended: before.filter((h) => !is.has(h.id)) };
}

/** Services whose own alerts another alert already says: id → that alert in words (for decide()). */
export function coveredServices(round: RoundView, hops: readonly HopFailure[] = failingHops(round)): Map<string, string> {
  const covered = new Map<string, string>();
  for (const m of round.machines) {
    // 'unknown' (orb did not answer) is no outage of the machine: its services are probed and speak for themselves.
    if (m.state !== 'running' && m.state !== 'unknown') for (const s of m.services) covered.set(s.id, `the alert for ${m.name} (${m.state})`);
  }
  for (const h of hops) for (const s of h.services) if (!covered.has(s.service)) covered.set(s.service, `the alert for ${h.hop}'s Caddy`);
  return covered;
}

/**
 * One round's events with the victims folded into their cause: a service's down event goes when
 * its machine's down event is in the same batch.
 */
export function collapseRound(events: readonly AlertEvent[]): AlertEvent[] {
  const machinesDown = new Set(events.filter((e) => e.type === 'machine-down').map((e) => e.machine));
  return events.filter((e) => !(e.type === 'down' && machinesDown.has(e.machine)));
}

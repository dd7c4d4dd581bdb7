import { failingHops, type HopFailure, type RoundView } from './dependencies';
import type { AlertEvent } from './events';
import { originOf, type Channel } from './channel';
import type { ServiceInfo } from './runtime';

// What the alerting reads from each probe round besides the history's state changes: access hops
// that fail for every service behind them (one alert naming the hop), and a notifier's own server
// seen coming back (its waiting messages go at once, not at the end of their backoff).

type HopDown = Extract<AlertEvent, { type: 'hop-down' }>;

export class HopWatch {
  private readonly open = new Map<string, HopDown>();
  private readonly streak = new Map<string, number>();

  /** `rounds`: failures in a row before the alert; `carried`: hops still failing before a restart. */
  constructor(
    private readonly rounds: number,
    carried: readonly HopDown[],
  ) {
    for (const h of carried) this.open.set(idOf(h), h);
  }

  /** The hop alerts this round brings: new failures (after `rounds` in a row) and recoveries. */
  update(round: RoundView, now: number): AlertEvent[] {
    const failing = new Map(failingHops(round).map((h) => [h.id, h]));
    const running = new Set(round.machines.filter((m) => m.state === 'running').map((m) => m.name));
    const out: AlertEvent[] = [];
    for (const [id, h] of failing) {
      const n = (this.streak.get(id) ?? 0) + 1;
      this.streak.set(id, n);
      if (n >= this.rounds && !this.open.has(id)) out.push(this.begin(h, now));
    }
    for (const id of [...this.streak.keys()]) if (!failing.has(id)) this.streak.delete(id);
    for (const [id, down] of this.open) {
      // A stopped machine says nothing about its hops: they are neither failing nor back.
      if (failing.has(id) || !running.has(down.machine)) continue;
      this.open.delete(id);
      out.push({ type: 'hop-up', incidentId: down.incidentId, hop: down.hop, machine: down.machine, at: now, downForMs: now - down.at });
    }
    return out;
  }

  private begin(h: HopFailure, now: number): HopDown {
    const e: HopDown = { type: 'hop-down', incidentId: `${h.id}@${now}`, hop: h.hop, machine: h.machine, services: h.services, at: now, reason: h.reason };
    this.open.set(h.id, e);
    return e;
  }
}

const idOf = (h: HopDown) => String(h.incidentId).split('@')[0];

/** Notifiers whose server is a probed service that came back up since the last round. */
export class ServerWatch {
  private readonly last = new Map<string, string>();

  constructor(
    private readonly services: readonly ServiceInfo[],
    private readonly channels: () => Iterable<Channel>,
  ) {}

  cameBack(round: RoundView): string[] {
    const back: string[] = [];
    for (const m of round.machines) {
      for (const s of m.services) {
        const before = this.last.get(s.id);
        this.last.set(s.id, s.state);
        if (s.state !== 'up' || before === undefined || before === 'up') continue;
        const origin = originOf(this.services.find((x) => x.id === s.id)?.url ?? '');
        for (const c of this.channels()) if (origin && c.origin === origin) back.push(c.id);
      }
    }
    return back;
  }
}

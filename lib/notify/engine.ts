import type { AlertsView } from '../snapshot/alerts';
import { DeliveryWorker } from './delivery';
import { collapseRound, type RoundView } from './dependencies';
import { openHopEvents, pruneDecisions } from './event-log';
import type { AlertEvent } from './events';
import { closeJobWindows, closeScheduledWindows, endDueSilences, sendReminders } from './housekeeping';
import { handleEvent, type Handle, type Handled } from './intake';
import { hurryNotifier } from './queue-admin';
import { pruneQueue } from './queue-store';
import { HopWatch, ServerWatch } from './round-watch';
import type { AlertRuntime, World } from './runtime';
import { pruneSilences } from './silence-store';
import { alertsView } from './view';
import type { WindowOccurrence } from './windows';

// The alerting as one object: events come in (submit), each probe round moves it on (onRound),
// and the delivery worker sends what was queued.

const PRUNE_EVERY_MS = 3600_000;

export class AlertEngine {
  readonly world: World = { round: null };
  readonly worker: DeliveryWorker;
  private readonly hops: HopWatch;
  private readonly servers: ServerWatch;
  private readonly scheduledSeen = new Map<string, WindowOccurrence>();
  private inbox: AlertEvent[] = [];
  private pending: NodeJS.Immediate | null = null;
  private lastPrune = -Infinity;

  constructor(readonly rt: AlertRuntime) {
    this.worker = new DeliveryWorker(rt);
    this.hops = new HopWatch(rt.hopRounds, openHopEvents(rt.db));
    this.servers = new ServerWatch(rt.services, () => rt.channels.values());
  }

  start(): void {
    this.worker.start();
  }

  /** Take an event; it is decided once the current round has been folded in (so its coverage is known). */
  submit(e: AlertEvent): void {
    this.inbox.push(e);
    this.pending ??= setImmediate(() => this.flush());
  }

  /** Decide everything submitted so far, now. */
  flush(): Handled[] {
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
    const batch = collapseRound(this.inbox);
    this.inbox = [];
    const out = batch.map((e) => this.handle(e)).filter((h): h is Handled => h !== null);
    if (out.some((h) => h.action === 'notify' && h.targets > 0)) this.worker.kick();
    return out;
  }

  readonly handle: Handle = (e, opts) => {
    try {
      return handleEvent(this.rt, this.world, e, opts);
    } catch (err) {
      this.rt.fault(`notifications: the ${e.type} event could not be recorded: ${(err as Error).message}`);
      return null;
    }
  };

  /** One probe round: hop alerts, notifiers' servers coming back, then what the clock brings. */
  onRound(round: RoundView): AlertsView {
    this.world.round = round;
    const now = this.rt.now();
    for (const e of this.hops.update(round, now)) this.submit(e);
    const back = this.servers.cameBack(round);
    for (const id of back) hurryNotifier(this.rt.db, id, now);
    this.tick(now);
    if (back.length) this.worker.kick();
    return alertsView(this.rt, now);
  }

  /** Windows closing, silences ending, reminders due, and pruning now and then. */
  tick(now = this.rt.now()): void {
    const steps = [closeJobWindows, endDueSilences, sendReminders] as const;
    for (const step of steps) this.safely(step.name, () => step(this.rt, this.world, this.handle, now));
    this.safely('scheduled windows', () => closeScheduledWindows(this.rt, this.world, this.handle, now, this.scheduledSeen));
    if (now - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now;
      this.safely('pruning', () => (pruneQueue(this.rt.db, now), pruneDecisions(this.rt.db, now), pruneSilences(this.rt.db, now)));
    }
    this.worker.kick();
  }

  private safely(what: string, fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      this.rt.fault(`notifications: ${what} failed: ${(e as Error).message}`);
    }
  }

  async idle(): Promise<void> {
    this.flush();
    await this.worker.idle();
  }

  stop(): void {
    if (this.pending) clearImmediate(this.pending);
    this.worker.stop();
  }
}

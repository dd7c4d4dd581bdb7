import type { Config } from '../config';
import type { AlertEngine } from './engine';
import { recentDecisions, type DecisionAction } from './event-log';
import type { AlertEvent } from './events';
import { renderAlert } from './messages';
import { queueCounts } from './queue-admin';
import { recentDeliveries } from './queue-store';
import { recentSilences, type SilenceEndWhy } from './silence-store';
import { silenceView } from './view';
import type { SilenceView } from '../snapshot/alerts';

// What /notifications shows, computed on the server. Shared with the browser as JSON: no token,
// no token file, no webhook path (an ntfy topic is as good as a password), only the host.

export interface NotifierView {
  id: string;
  kind: string;
  where: string;
  events: string[] | null;
  services: string[] | null;
  remindEveryMinutes: number | null;
  fallback: string | null;
  retries: number;
  counts: { pending: number; failed: number; delivered: number };
}

export interface DeliveryRow {
  id: number;
  notifier: string;
  title: string;
  eventType: string;
  attempts: number;
  state: 'pending' | 'delivered' | 'failed';
  result: string | null;
  resultCode: string | null;
  late: boolean;
  /** Set on a copy the fallback got: the notifier it stood in for. */
  fallbackFor: string | null;
  routedTo: string | null;
  eventAt: number;
  createdAt: number;
  deliveredAt: number | null;
  nextAt: number | null;
  delayMs: number | null;
}

export interface QuietRow {
  key: string;
  title: string;
  action: Exclude<DecisionAction, 'notify'>;
  why: string;
  during: string | null;
  at: number;
}

export interface SilenceRow extends SilenceView {
  endedAt: number | null;
  endedWhy: SilenceEndWhy | null;
}

export interface NotificationsData {
  configured: boolean;
  durable: boolean;
  storeProblem: string | null;
  now: number;
  notifiers: NotifierView[];
  deliveries: DeliveryRow[];
  quiet: QuietRow[];
  silences: SilenceRow[];
  /** What can be silenced: the configured machines and their services. */
  targets: { machine: string; services: { id: string; name: string }[] }[];
}

const titleOf = (payload: unknown) => {
  try {
    return renderAlert(payload as AlertEvent).title;
  } catch {
    return 'an event this version cannot read';
  }
};

function deliveries(engine: AlertEngine): DeliveryRow[] {
  const rows = recentDeliveries(engine.rt.db, 200);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.map((r) => ({
    id: r.id,
    notifier: r.notifier,
    title: titleOf(r.payload),
    eventType: (r.payload as { type?: string } | null)?.type ?? 'unknown',
    attempts: r.attempts,
    state: r.state,
    result: r.result,
    resultCode: r.resultCode,
    late: r.late,
    fallbackFor: r.fallbackOf === null ? null : (byId.get(r.fallbackOf)?.notifier ?? 'another notifier'),
    routedTo: r.routedTo,
    eventAt: r.eventAt,
    createdAt: r.createdAt,
    deliveredAt: r.deliveredAt,
    nextAt: r.state === 'pending' ? r.nextAt : null,
    delayMs: r.delayMs,
  }));
}

export function notificationsData(engine: AlertEngine | undefined, config: Config): NotificationsData {
  const targets = config.machines.map((m) => ({ machine: m.name, services: m.services.map((s) => ({ id: s.id, name: s.name })) }));
  if (!engine) return { configured: false, durable: false, storeProblem: null, now: Date.now(), notifiers: [], deliveries: [], quiet: [], silences: [], targets };
  const counts = queueCounts(engine.rt.db);
  const notifiers = config.notifications.map((n) => ({
    id: n.id,
    kind: n.kind,
    where: engine.rt.channels.get(n.id)?.where ?? n.kind,
    events: n.events ? [...n.events] : null,
    services: n.services ? [...n.services] : null,
    remindEveryMinutes: n.remindEveryMinutes ?? null,
    fallback: n.fallback ?? null,
    retries: n.retries,
    counts: counts[n.id] ?? { pending: 0, failed: 0, delivered: 0 },
  }));
  const quiet = recentDecisions(engine.rt.db, 100, true).map((d) => ({
    key: d.key,
    title: titleOf(d.event),
    action: d.action as QuietRow['action'],
    why: d.why,
    during: d.quietLabel,
    at: d.at,
  }));
  const silences = recentSilences(engine.rt.db, 50).map((s) => ({ ...silenceView(s), endedAt: s.endedAt, endedWhy: s.endedWhy }));
  return { configured: true, durable: engine.rt.durable, storeProblem: engine.rt.dbProblem ?? null, now: engine.rt.now(), notifiers, deliveries: deliveries(engine), quiet, silences, targets };
}

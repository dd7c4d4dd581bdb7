import { formatDuration } from '../history/format';
import type { AlertsView, QuietView, SilenceView } from '../snapshot/alerts';

// Which silence and which maintenance window apply to one card, and how to say it. Pure: the
// status page's client components use it on each snapshot.

export interface CardAlerts {
  silence: SilenceView | null;
  quiet: QuietView | null;
}

const lasting = (until: number | null) => (until === null ? Infinity : until);

/** For a service card (a machine silence covers its services too), or a machine card (no service). */
export function cardAlerts(view: AlertsView | undefined, machine: string, service?: string): CardAlerts {
  if (!view) return { silence: null, quiet: null };
  const silences = view.silences.filter((s) => s.machine === machine && (s.service === undefined || (service !== undefined && s.service === service)));
  const quiet = view.quiet.filter((q) => q.machine === machine && (!q.services || (service !== undefined && q.services.includes(service))));
  const longest = <T extends { until: number | null }>(xs: T[]) => xs.reduce<T | null>((b, x) => (!b || lasting(x.until) > lasting(b.until) ? x : b), null);
  return { silence: longest(silences), quiet: quiet.find((q) => q.kind === 'job') ?? longest(quiet) };
}

export function silenceText(s: SilenceView, now: number): string {
  const left = s.until === null ? 'until it recovers' : `for ${formatDuration(Math.max(0, s.until - now))} more`;
  return `Alerts silenced ${left}: ${s.reason}`;
}

export function quietText(q: QuietView, now: number): string {
  const left = q.until === null ? 'while it runs' : `${formatDuration(Math.max(0, q.until - now))} more`;
  return `Alerts held during ${q.label} (${left}); one summary follows`;
}

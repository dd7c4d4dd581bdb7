import type { DeliveryRow, QuietRow } from './page-data';

// Alerts per hour over the last day, for the page's chart: what went out on time, late or
// through a fallback, what is waiting or failed, and what was held back. Pure.

export const hourBuckets = ['sent', 'late', 'trouble', 'held'] as const;
export type HourBucket = (typeof hourBuckets)[number];
export type Hour = Record<HourBucket, number> & { start: number };

const HOUR = 3600_000;

export function alertHours(deliveries: readonly DeliveryRow[], quiet: readonly QuietRow[], now: number, hours = 24): Hour[] {
  const first = Math.floor(now / HOUR) * HOUR - (hours - 1) * HOUR;
  const out: Hour[] = Array.from({ length: hours }, (_, i) => ({ start: first + i * HOUR, sent: 0, late: 0, trouble: 0, held: 0 }));
  const add = (t: number, b: HourBucket) => {
    const i = Math.floor((t - first) / HOUR);
    if (i >= 0 && i < hours) out[i][b]++;
  };
  // One count per event and notifier: a fallback's copy is counted with the row it stood in for.
  for (const d of deliveries) {
    if (d.fallbackFor !== null) continue;
    add(d.eventAt, d.state === 'delivered' ? (d.late ? 'late' : 'sent') : d.attempts === 0 ? 'sent' : 'trouble');
  }
  for (const q of quiet) if (q.action === 'hold') add(q.at, 'held');
  return out;
}

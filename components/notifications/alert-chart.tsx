import { alertHours, hourBuckets, type HourBucket } from '@/lib/notify/alert-hours';
import type { DeliveryRow, QuietRow } from '@/lib/notify/page-data';

const fill: Record<HourBucket, string> = {
  sent: 'fill-emerald-500 dark:fill-emerald-400',
  late: 'fill-amber-500 dark:fill-amber-400',
  trouble: 'fill-rose-500 dark:fill-rose-400',
  held: 'fill-violet-400 dark:fill-violet-400',
};
const words: Record<HourBucket, string> = { sent: 'on time', late: 'late or via fallback', trouble: 'waiting or failed', held: 'held for a summary' };

/** Stacked bars, one per hour of the last day: how loud the lab was, and whether alerts got through. */
export function AlertChart({ deliveries, quiet, now }: { deliveries: DeliveryRow[]; quiet: QuietRow[]; now: number }) {
  const hours = alertHours(deliveries, quiet, now);
  const max = Math.max(1, ...hours.map((h) => h.sent + h.late + h.trouble + h.held));
  const totals = Object.fromEntries(hourBuckets.map((b) => [b, hours.reduce((n, h) => n + h[b], 0)])) as Record<HourBucket, number>;
  const W = 24 * 10;
  const H = 48;
  return (
    <figure className="flex flex-col gap-2" data-testid="alert-chart">
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-16 w-full" role="img" aria-label={`Alerts in the last 24 hours: ${hourBuckets.map((b) => `${totals[b]} ${words[b]}`).join(', ')}`}>
        <line x1="0" x2={W} y1={H - 0.5} y2={H - 0.5} className="stroke-zinc-300 dark:stroke-zinc-700" strokeWidth="1" />
        {hours.map((h, i) => {
          let y = H;
          return hourBuckets.map((b) => {
            const hgt = (h[b] / max) * (H - 4);
            if (!hgt) return null;
            y -= hgt;
            return <rect key={`${i}-${b}`} x={i * 10 + 1.5} y={y} width="7" height={hgt} className={fill[b]} />;
          });
        })}
      </svg>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <span>Last 24 hours, one bar an hour:</span>
        {hourBuckets.map((b) => (
          <span key={b} className="inline-flex items-center gap-1">
            <svg width="8" height="8" aria-hidden="true"><rect width="8" height="8" className={fill[b]} /></svg>
            {totals[b]} {words[b]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

import type { Slot } from '@/lib/history/queries';
import { linePath } from './line-path';

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(v, 1)));
  return [1, 2, 5, 10].map((m) => m * p).find((c) => c >= v) ?? 10 * p;
}

const pathOf = (slots: Slot[], pick: (s: Slot) => number | null, top: number) => linePath(slots.map(pick), { width: 1000, yZero: 200, yTop: 4, top, dash: 0.5 });

/** Mean and slowest response time per slot, server-rendered SVG with HTML axis labels. */
export function LatencyChart({ slots, from, to }: { slots: Slot[]; from: string; to: string }) {
  const avgs = slots.map((s) => s.latAvg).filter((v): v is number => v !== null);
  if (avgs.length === 0) {
    return <p className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500 dark:border-zinc-700">No response times were measured in this range.</p>;
  }
  const slowest = Math.max(...slots.map((s) => s.latMax ?? s.latAvg ?? 0));
  const top = niceCeil(slowest);
  const mean = Math.round(avgs.reduce((a, b) => a + b, 0) / avgs.length);
  return (
    <figure className="flex flex-col gap-1" data-testid="latency-chart">
      <div className="flex gap-2">
        <div className="flex h-40 flex-col justify-between text-right font-mono text-[11px] text-zinc-500" aria-hidden="true">
          <span>{top} ms</span>
          <span>{top / 2}</span>
          <span>0</span>
        </div>
        <svg viewBox="0 0 1000 200" preserveAspectRatio="none" className="h-40 min-w-0 flex-1 rounded border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950" role="img" aria-label={`Response time: mean ${mean} ms, slowest ${slowest} ms`}>
          <line x1="0" x2="1000" y1="102" y2="102" className="stroke-zinc-200 dark:stroke-zinc-800" vectorEffect="non-scaling-stroke" />
          <path d={pathOf(slots, (s) => s.latMax, top)} fill="none" className="stroke-sky-300 dark:stroke-sky-800" strokeWidth="1" strokeDasharray="3 3" vectorEffect="non-scaling-stroke" />
          <path d={pathOf(slots, (s) => s.latAvg, top)} fill="none" className="stroke-sky-600 dark:stroke-sky-400" strokeWidth="2" strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
        </svg>
      </div>
      <div className="flex justify-between pl-12 font-mono text-[11px] text-zinc-500" aria-hidden="true">
        <span>{from}</span>
        <span>{to}</span>
      </div>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">
        Solid line: mean per slot (overall {mean} ms). Dashed: slowest probe per slot (peak {slowest} ms).
      </figcaption>
    </figure>
  );
}

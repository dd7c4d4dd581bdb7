import { linePath } from './line-path';

/** A 24 h response-time line as inline SVG: no chart library, breaks where nothing was measured. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const nums = values.filter((v): v is number => v !== null);
  if (nums.length === 0) {
    return <p className="text-xs text-zinc-500">No response times measured in the last 24 h yet.</p>;
  }
  const max = Math.max(...nums, 1);
  const d = linePath(values, { width: 100, yZero: 22, yTop: 2, top: max, dash: 1 });
  const avg = Math.round(nums.reduce((a, b) => a + b, 0) / nums.length);
  return (
    <figure className="flex items-center gap-2" data-testid="sparkline">
      <svg viewBox="0 0 100 24" preserveAspectRatio="none" className="h-6 min-w-0 flex-1 text-sky-600 dark:text-sky-400" role="img" aria-label={`${label}: average ${avg} ms, slowest ${max} ms`}>
        <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="shrink-0 font-mono text-xs text-zinc-500">
        ~{avg} ms
      </figcaption>
    </figure>
  );
}

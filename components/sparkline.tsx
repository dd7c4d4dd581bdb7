/** A 24 h response-time line as inline SVG: no chart library, breaks where nothing was measured. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const nums = values.filter((v): v is number => v !== null);
  if (nums.length === 0) {
    return <p className="text-xs text-zinc-500">No response times measured in the last 24 h yet.</p>;
  }
  const max = Math.max(...nums, 1);
  const w = 100 / Math.max(1, values.length - 1);
  let d = '';
  values.forEach((v, i) => {
    if (v === null) return;
    const x = i * w;
    const y = (22 - (v / max) * 20).toFixed(2);
    const alone = values[i - 1] == null && values[i + 1] == null;
    // A lone slot has no neighbour to join: draw it as a short dash so it is visible.
    if (alone) d += `M${Math.max(0, x - w).toFixed(2)} ${y}L${Math.min(100, x + w).toFixed(2)} ${y}`;
    else d += `${values[i - 1] == null ? 'M' : 'L'}${x.toFixed(2)} ${y}`;
  });
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

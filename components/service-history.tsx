import { formatUptime } from '@/lib/history/format';
import type { ServiceHistory } from '@/lib/types';
import { Sparkline } from './sparkline';

const windows = [
  ['h24', '24 h'],
  ['d7', '7 d'],
  ['d30', '30 d'],
] as const;

/** Uptime over three windows and the 24 h latency line, for a service card. */
export function ServiceHistoryStrip({ h }: { h?: ServiceHistory }) {
  if (!h) return <p className="text-xs text-zinc-500">History is not available.</p>;
  return (
    <div className="flex flex-col gap-1.5 border-t border-zinc-100 pt-2 dark:border-zinc-800">
      <dl className="grid grid-cols-3 gap-2 text-xs">
        {windows.map(([k, label]) => (
          <div key={k} className="flex flex-col">
            <dt className="text-zinc-500">Uptime {label}</dt>
            <dd className="font-mono text-zinc-800 tabular-nums dark:text-zinc-200" data-testid={`uptime-${k}`} data-value={h.uptime[k] ?? ''}>
              {formatUptime(h.uptime[k])}
            </dd>
          </div>
        ))}
      </dl>
      <Sparkline values={h.spark} label="Response time over the last 24 hours" />
    </div>
  );
}

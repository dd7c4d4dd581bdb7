import Link from 'next/link';
import { DAY } from '@/lib/history/schema';

export const ranges = {
  '24h': { label: '24 h', ms: DAY, chart: 144, bars: 48 },
  '7d': { label: '7 days', ms: 7 * DAY, chart: 168, bars: 42 },
  '30d': { label: '30 days', ms: 30 * DAY, chart: 120, bars: 30 },
} as const;

export type RangeKey = keyof typeof ranges;

/** Plain links with a query string: the picker works without JavaScript. */
export function RangePicker({ current }: { current: RangeKey }) {
  return (
    <nav aria-label="Range" className="inline-flex rounded-md border border-zinc-300 text-sm dark:border-zinc-700">
      {(Object.keys(ranges) as RangeKey[]).map((k) => (
        <Link
          key={k}
          href={`?range=${k}`}
          aria-current={k === current ? 'page' : undefined}
          scroll={false}
          className={`px-3 py-1 first:rounded-l-md last:rounded-r-md ${k === current ? 'bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900' : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'}`}
        >
          {ranges[k].label}
        </Link>
      ))}
    </nav>
  );
}

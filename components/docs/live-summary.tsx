import type { AnnotateStats } from '@/lib/docs/annotate';

/** One line above a doc: how many of its facts were checked, and whether any no longer hold. */
export function LiveSummary({ stats, checkedAt }: { stats: AnnotateStats | null; checkedAt: string | null }) {
  const time = checkedAt ? new Date(checkedAt).toISOString().slice(11, 19) + ' UTC' : '';
  if (!stats) {
    return <p className="text-xs text-zinc-500" data-testid="live-summary">Live check unavailable: the dashboard has no snapshot yet.</p>;
  }
  if (stats.differs > 0) {
    return (
      <p role="status" data-testid="live-summary" data-differs={stats.differs} className="rounded-md border border-l-4 border-amber-300 border-l-amber-500 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-200">
        <span aria-hidden="true">▲ </span>
        {stats.differs === 1 ? '1 statement on this page differs' : `${stats.differs} statements on this page differ`} from what the system reports
        {stats.confirmed > 0 ? `; ${stats.confirmed} confirmed live` : ''} (checked {time}).{' '}
        <a href="#live-differs-1" className="font-medium underline">
          Show the first
        </a>
      </p>
    );
  }
  return (
    <p data-testid="live-summary" data-differs="0" className="text-xs text-zinc-500 dark:text-zinc-400">
      {stats.confirmed > 0 ? `✓ ${stats.confirmed} fact${stats.confirmed === 1 ? '' : 's'} on this page confirmed live` : 'Nothing on this page could be checked live'} (checked {time}).
    </p>
  );
}

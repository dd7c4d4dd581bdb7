import type { SilenceRow } from '@/lib/notify/page-data';
import { EndSilenceButton } from '../end-silence-button';
import { When } from './when';

const ended: Record<string, string> = { expired: 'ran out', recovered: 'ended: it recovered', ended: 'ended by hand' };

/** Silences in force (with End now) and the last ones that ended. New ones are set from the status page cards. */
export function SilenceList({ rows, now, onChange }: { rows: SilenceRow[]; now: number; onChange: () => void }) {
  const live = rows.filter((s) => s.endedAt === null && (s.until === null || s.until > now));
  const past = rows.filter((s) => !live.includes(s)).slice(0, 10);
  return (
    <div className="flex flex-col gap-2" data-testid="silences">
      {live.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-silences">
          No silence in force. Silence a service or the whole machine from its card on the <a className="underline" href="/">status page</a>.
        </p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm">
          {live.map((s) => (
            <li key={s.id} className="flex flex-wrap items-baseline gap-x-2 rounded-md bg-violet-50 px-3 py-2 text-violet-950 ring-1 ring-inset ring-violet-600/20 dark:bg-violet-400/10 dark:text-violet-100 dark:ring-violet-400/25" data-testid="silence" data-silence={s.id}>
              <span className="font-medium">◇ {s.name}</span>
              <span>{s.until === null ? 'until it recovers' : <>until <When t={s.until} /></>}</span>
              <span className="text-violet-800 dark:text-violet-300">“{s.reason}”</span>
              <EndSilenceButton id={s.id} name={s.name} onEnded={onChange} />
            </li>
          ))}
        </ul>
      )}
      {past.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Ended recently ({past.length})</summary>
          <ul className="mt-1 flex flex-col gap-0.5 text-zinc-700 dark:text-zinc-300">
            {past.map((s) => (
              <li key={s.id} data-testid="past-silence">
                {s.name}: “{s.reason}”, {s.endedWhy ? ended[s.endedWhy] : 'ran out'}
                {s.endedAt !== null && <> at <When t={s.endedAt} /></>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

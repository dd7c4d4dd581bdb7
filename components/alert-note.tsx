import { quietText, silenceText, type CardAlerts } from '@/lib/notify/card-alerts';
import { useNow } from './use-now';
import { EndSilenceButton } from './end-silence-button';

/** On a card: the silence or maintenance window that keeps its alerts quiet, in words. */
export function AlertNote({ alerts, admin }: { alerts: CardAlerts; admin: boolean }) {
  const now = useNow(15_000, Boolean(alerts.silence || alerts.quiet));
  if (!alerts.silence && !alerts.quiet) return null;
  const at = now ?? alerts.silence?.createdAt ?? 0;
  return (
    <div className="flex flex-col gap-1 rounded-md bg-violet-50 px-2 py-1.5 text-xs text-violet-900 ring-1 ring-inset ring-violet-600/20 dark:bg-violet-400/10 dark:text-violet-200 dark:ring-violet-400/25" data-testid="alert-note">
      {alerts.quiet && (
        <p data-testid="quiet-note">
          <span aria-hidden="true">◐ </span>
          {quietText(alerts.quiet, at)}
        </p>
      )}
      {alerts.silence && (
        <p className="flex flex-wrap items-baseline gap-x-2" data-testid="silence-note" data-silence={alerts.silence.id}>
          <span>
            <span aria-hidden="true">◇ </span>
            {silenceText(alerts.silence, at)}
          </span>
          {admin && <EndSilenceButton id={alerts.silence.id} name={alerts.silence.name} />}
        </p>
      )}
    </div>
  );
}

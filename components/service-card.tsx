import { probeSentence } from '@/lib/probe-sentence';
import { serviceStyle } from '@/lib/state-style';
import type { ServiceStatus } from '@/lib/types';
import Link from 'next/link';
import type { CardAlerts } from '@/lib/notify/card-alerts';
import { AccessChain } from './access-chain';
import { AlertNote } from './alert-note';
import { Card, Facts } from './card';
import { ServiceHistoryStrip } from './service-history';
import { SilenceControl } from './silence-control';
import { StateBadge } from './state-badge';

const none: CardAlerts = { silence: null, quiet: null };

export function ServiceCard({ s, machine = 'the VM', alerts = none, admin = false }: { s: ServiceStatus; machine?: string; alerts?: CardAlerts; admin?: boolean }) {
  const st = serviceStyle(s.state);
  return (
    <Card
      tone={st.tone}
      state={s.state}
      testId={`service-${s.id}`}
      title={
        <Link href={`/services/${s.id}`} className="hover:underline" data-testid="history-link">
          {s.name}
        </Link>
      }
      badge={<StateBadge label={st.label} tone={st.tone} testId="state" />}
    >
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="reason">
        {probeSentence(s)}
      </p>
      <Facts
        items={[
          ['kind', s.kindLabel],
          ['activity', s.detail],
          ['latency', s.latencyMs !== null ? `${s.latencyMs} ms` : undefined],
          ['version', s.version],
          ['probe', s.url],
        ]}
      />
      <AlertNote alerts={alerts} admin={admin} />
      <ServiceHistoryStrip h={s.history} />
      {s.paths?.length ? <AccessChain paths={s.paths} machine={machine} service={s.name} /> : null}
      {admin && !alerts.silence && <SilenceControl machine={machine} service={s.id} name={s.name} up={s.state === 'up'} />}
      <a
        href={s.openUrl}
        target="_blank"
        rel="noopener noreferrer"
        className="mt-auto self-start text-sm font-medium text-sky-700 hover:underline dark:text-sky-400"
      >
        Open {s.name} <span aria-hidden="true">↗</span>
      </a>
    </Card>
  );
}

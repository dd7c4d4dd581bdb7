import { machineStyle, orbStyle } from '@/lib/state-style';
import type { MachineStatus, Snapshot } from '@/lib/types';
import type { CardAlerts } from '@/lib/notify/card-alerts';
import { AddressDriftNote } from './address-drift-note';
import { AlertNote } from './alert-note';
import { Card, Facts } from './card';
import { SilenceControl } from './silence-control';
import { StateBadge } from './state-badge';

export function OrbCard({ orb }: { orb: Snapshot['orbstack'] }) {
  const st = orbStyle(orb.state);
  return (
    <Card tone={st.tone} state={orb.state} testId="orbstack" title="OrbStack" badge={<StateBadge label={st.label} tone={st.tone} testId="state" />}>
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="reason">
        {orb.reason ?? 'The OrbStack engine is running.'}
      </p>
      <Facts items={[['other machines', orb.others?.length ? orb.others.map((o) => `${o.name} (${o.state})`).join(', ') : undefined]]} />
    </Card>
  );
}

export function MachineCard({ m, alerts = { silence: null, quiet: null }, admin = false }: { m: MachineStatus; alerts?: CardAlerts; admin?: boolean }) {
  const st = machineStyle(m.state);
  const image = [m.distro, m.version, m.arch].filter(Boolean).join(' · ');
  return (
    <Card tone={st.tone} state={m.state} testId={`machine-${m.name}`} title={m.name} badge={<StateBadge label={st.label} tone={st.tone} testId="state" />}>
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="reason">
        {m.reason}
      </p>
      <Facts items={[['image', image || undefined], ['address', m.address]]} />
      {m.addressDrift && !m.addressDrift.ok && <AddressDriftNote drift={m.addressDrift} machine={m.name} />}
      <AlertNote alerts={alerts} admin={admin} />
      {admin && !alerts.silence && <SilenceControl machine={m.name} name={m.name} up={m.state === 'running' && m.services.every((s) => s.state === 'up')} />}
    </Card>
  );
}

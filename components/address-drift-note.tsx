import { driftFixSteps, driftLastingFix, TROUBLESHOOTING_DOCS } from '@/lib/address-drift';
import type { AddressDrift } from '@/lib/types';
import { InlineCode } from './inline-code';

export function AddressDriftNote({ drift, machine }: { drift: AddressDrift; machine: string }) {
  return (
    <div role="alert" data-testid="address-drift" className="flex flex-col gap-1 rounded bg-amber-50 px-2 py-1.5 text-xs text-amber-900 dark:bg-amber-400/10 dark:text-amber-200">
      <p className="font-medium">
        <span aria-hidden="true">▲ </span>
        Address changed: expected {drift.expected}, orb reports {drift.observed ?? 'no address'}.
      </p>
      <p>Anything that names {machine} by its old address (the Caddy hops) now misses it. To fix:</p>
      <ol className="list-decimal pl-5">
        {driftFixSteps.map((s) => (
          <li key={s}>
            <InlineCode text={s} />
          </li>
        ))}
      </ol>
      <p>
        <InlineCode text={driftLastingFix} />{' '}
        <a href={TROUBLESHOOTING_DOCS} className="font-medium underline">
          Troubleshooting
        </a>
      </p>
    </div>
  );
}

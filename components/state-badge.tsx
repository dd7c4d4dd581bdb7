import { symbols, toneClasses, type Tone } from '@/lib/state-style';

export function StateBadge({ label, tone, testId }: { label: string; tone: Tone; testId?: string }) {
  return (
    <span
      data-testid={testId}
      data-tone={tone}
      // Element Timing: the browser reports when each state is first painted (the bench reads it).
      {...{ elementtiming: 'state-badge' }}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${toneClasses[tone]}`}
    >
      <span aria-hidden="true">{symbols[tone]}</span>
      {label}
    </span>
  );
}

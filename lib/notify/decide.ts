import type { AlertEvent } from './events';
import { jobWindowId } from './job-windows';
import { quietFor, type Quiet, type QuietContext } from './quiet';
import type { SilenceTarget } from './silences';

// The one decision for each event: send it now, hold it for the summary of the window or silence
// that keeps things quiet, or drop it. Pure; the integration records held and dropped events in
// the history ("during rebuild #12") and enqueues the ones to send.

export interface DecisionContext extends QuietContext {
  /** For a recovery: whether its outage was announced (its down alert, or a summary naming it). */
  downNotified?: boolean;
  /** Services whose alerts a machine or hop alert already says (dependencies.ts): id → that alert. */
  covered?: ReadonlyMap<string, string>;
  /** Jobs that opened a maintenance window (their finish is told by the window's summary). */
  jobWindowIds?: ReadonlySet<string>;
}

export type Decision =
  | { action: 'notify'; why: string }
  | { action: 'hold'; why: string; quiet: Quiet }
  | { action: 'drop'; why: string; quiet?: Quiet };

/** The machine or service an event is about, for windows and silences; null when none applies. */
export function aboutOf(e: AlertEvent): SilenceTarget | null {
  switch (e.type) {
    case 'down':
    case 'recovered':
    case 'reminder':
      return { machine: e.machine, service: e.service };
    case 'machine-down':
    case 'machine-up':
    case 'hop-down':
    case 'hop-up':
    case 'unit-failed':
    case 'vitals':
      return { machine: e.machine };
    default:
      return null;
  }
}

const isRecovery = (e: AlertEvent) => e.type === 'recovered' || e.type === 'machine-up' || e.type === 'hop-up';

function recoveryDecision(quiet: Quiet | null, downNotified: boolean | undefined): Decision {
  const told = downNotified !== false;
  // Inside a window the summary says who is back; under a silence, an outage that was announced still gets its ending.
  if (quiet && quiet.kind !== 'silence') return { action: 'hold', why: `recovered during ${quiet.label}: the summary tells it`, quiet };
  if (!told) return { action: 'drop', why: 'its outage was never announced', ...(quiet ? { quiet } : {}) };
  return { action: 'notify', why: quiet ? 'its outage was announced before the silence' : 'back up' };
}

export function decide(e: AlertEvent, ctx: DecisionContext): Decision {
  if (e.type === 'test' || e.type === 'maintenance') return { action: 'notify', why: e.type === 'test' ? 'a test' : 'a summary' };
  if (e.type === 'job') {
    if (ctx.jobWindowIds?.has(jobWindowId(e.job))) return { action: 'drop', why: `the summary of ${e.job.label} tells how it ended` };
    return { action: 'notify', why: 'a job finished' };
  }
  const about = aboutOf(e)!;
  const cover = about.service ? ctx.covered?.get(about.service) : undefined;
  if (cover && (e.type === 'down' || e.type === 'reminder')) return { action: 'drop', why: `covered by ${cover}` };
  const quiet = quietFor(about, ctx);
  if (isRecovery(e)) return recoveryDecision(quiet, ctx.downNotified);
  // A reminder is not held: the next one, or the summary, speaks after the quiet.
  if (quiet && e.type === 'reminder') return { action: 'drop', why: `quiet: ${quiet.label}`, quiet };
  if (quiet) return { action: 'hold', why: `during ${quiet.label}`, quiet };
  return { action: 'notify', why: 'a state change' };
}

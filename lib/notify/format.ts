import { formatDuration } from '../history/format';
import type { HistoryEvent } from '../history/incidents';

/** A finished rebuild, as the job store records it (a row of kind "rebuild"). */
export interface RebuildRunInfo {
  id: string | number;
  target: string;
  mode?: string;
  outcome: string;
  exitCode?: number | null;
  durationMs?: number | null;
  endedAt?: number | null;
}

export type NotifyEvent = HistoryEvent | { type: 'rebuild'; run: RebuildRunInfo; at: number };

/** One key per thing worth saying once: an incident opening, it closing, a rebuild finishing. */
export function eventKey(e: NotifyEvent): string {
  if (e.type === 'rebuild') return `rebuild:${e.run.id}`;
  return `incident:${e.incidentId}:${e.type === 'down' || e.type === 'vm-stopped' ? 'open' : 'close'}`;
}

export interface Message {
  title: string;
  body: string;
  /** ntfy priority 1..5 */
  priority: number;
  tags: string[];
}

export function describe(e: NotifyEvent): Message {
  switch (e.type) {
    case 'down':
      return { title: `${e.name} is down`, body: e.reason, priority: 4, tags: ['rotating_light', e.service] };
    case 'recovered':
      return { title: `${e.name} recovered`, body: `It was down for ${formatDuration(e.durationMs)}.`, priority: 3, tags: ['white_check_mark', e.service] };
    case 'vm-stopped':
      return { title: `${e.machine} is ${e.state}`, body: `${e.reason}. Its services are not reachable.`, priority: 4, tags: ['stop_sign', e.machine] };
    case 'vm-running':
      return { title: `${e.machine} is running again`, body: `It was stopped for ${formatDuration(e.durationMs)}.`, priority: 3, tags: ['white_check_mark', e.machine] };
    case 'rebuild': {
      // Only 'succeeded' is success: exit 0 with failed units is 'units-failed' (lib/rebuild/outcome.ts).
      const ok = e.run.outcome === 'succeeded';
      const took = e.run.durationMs ? ` after ${formatDuration(e.run.durationMs)}` : '';
      return {
        title: `Rebuild of ${e.run.target} ${ok ? 'finished' : 'failed'}`,
        body: `${e.run.mode ?? 'rebuild'} ended ${e.run.outcome}${took}${e.run.exitCode !== undefined && e.run.exitCode !== null ? ` (exit ${e.run.exitCode})` : ''}.`,
        priority: ok ? 3 : 4,
        tags: [ok ? 'white_check_mark' : 'x', 'rebuild'],
      };
    }
  }
}

/** The JSON webhook body: the event's facts plus a ready-made title and text. */
export function jsonPayload(e: NotifyEvent): Record<string, unknown> {
  const m = describe(e);
  return { ...e, key: eventKey(e), at: new Date(e.at).toISOString(), title: m.title, text: m.body };
}

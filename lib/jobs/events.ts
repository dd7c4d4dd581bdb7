import type { SseEvent, SseSource } from '../sse';
import { findJob, subscribeJob } from './control';
import { readLogLines } from './log-file';
import { state, type JobEvent } from './state';
import type { JobRecord } from './types';

// A line goes to every stream watching the job as the same event object, so it is framed once.
// Kept on the line's own event (not in a WeakMap, whose entries live until a full collection:
// a flood of lines would then fill the old generation).
const AS_SSE = Symbol('sse event');
type LineEvent = Extract<JobEvent, { type: 'line' }> & { [AS_SSE]?: SseEvent };
function lineEvent(e: LineEvent): SseEvent {
  return (e[AS_SSE] ??= { id: e.line.seq, event: 'line', data: e.line });
}

/** How much of a log a (re)connecting client gets at most; the rest is counted in a 'skipped' event. */
const REPLAY_TAIL = 5000;

/**
 * A job as an event stream: 'state' (the record), then the log after Last-Event-ID from disk
 * ('line', with the line number as its id; 'skipped' for what the tail left out), then live
 * lines and states until 'end'. `view` decides what the reader may see of the record.
 */
export function jobEventSource(job: JobRecord, view: (j: JobRecord) => JobRecord): SseSource {
  const current = () => view(findJob(job.id) ?? job);
  const isError = state.kinds.get(job.kind)?.isErrorLine;
  const toSse = (e: JobEvent): SseEvent => (e.type === 'line' ? lineEvent(e) : { event: e.type, data: view(e.job) });
  return {
    open: () => [{ event: 'state', data: current() }],
    subscribe: (push) => subscribeJob(job.id, (e) => push(toSse(e))),
    async *replay(afterId, signal) {
      const r = await readLogLines(job.id, afterId, REPLAY_TAIL, isError, signal);
      if (r.skipped > 0) yield { event: 'skipped', data: { count: r.skipped } };
      for (const line of r.lines) yield { id: line.seq, event: 'line', data: line };
    },
    final: () => ({ event: 'end', data: current() }),
    isLast: (e) => e.event === 'end',
  };
}

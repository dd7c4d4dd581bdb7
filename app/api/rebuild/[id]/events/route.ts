import { jsonError } from '@/lib/http-errors';
import { readLogLines, runIdRe } from '@/lib/rebuild/log-file';
import { getRun, subscribe, type RunEvent } from '@/lib/rebuild/runner';

const HEARTBEAT_MS = 15_000;
const REPLAY_TAIL = 5000;

/**
 * Server-Sent Events: the run's state, the log so far (from disk, after Last-Event-ID), then live
 * lines until the run ends. Event ids are log line numbers, so a reconnect resumes where it stopped.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const run = runIdRe.test(id) ? getRun(id) : undefined;
  if (!run) return jsonError(404, 'not_found', 'no such rebuild run');
  const last = Number(req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('after') ?? '0');
  const after = Number.isInteger(last) && last > 0 ? last : 0;

  const enc = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(enc.encode(text));
        } catch {
          cleanup();
        }
      };
      const close = () => {
        if (closed) return;
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      // Subscribe before replaying, and hold live events until the replay is out.
      const held: RunEvent[] = [];
      let replaying = true;
      let sentSeq = after;
      const deliver = (e: RunEvent) => {
        if (e.type === 'line') {
          if (e.line.seq <= sentSeq) return;
          sentSeq = e.line.seq;
          send(`id: ${e.line.seq}\nevent: line\ndata: ${JSON.stringify(e.line)}\n\n`);
        } else {
          send(`event: ${e.type}\ndata: ${JSON.stringify(e.run)}\n\n`);
          if (e.type === 'end') close();
        }
      };
      const unsubscribe = subscribe(id, (e) => (replaying ? held.push(e) : deliver(e)));
      const beat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
      cleanup = () => {
        closed = true;
        clearInterval(beat);
        unsubscribe?.();
        req.signal.removeEventListener('abort', cleanup);
      };
      req.signal.addEventListener('abort', cleanup);

      send(`retry: 2000\nevent: state\ndata: ${JSON.stringify(getRun(id) ?? run)}\n\n`);
      const replay = await readLogLines(id, after, REPLAY_TAIL);
      if (replay.skipped > 0) send(`event: skipped\ndata: ${JSON.stringify({ count: replay.skipped })}\n\n`);
      for (const line of replay.lines) deliver({ type: 'line', line });
      replaying = false;
      for (const e of held.splice(0)) deliver(e);
      if (!unsubscribe) {
        // Not live: the run had already ended when we looked, so the replay was all of it.
        deliver({ type: 'end', run: getRun(id) ?? run });
      }
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}

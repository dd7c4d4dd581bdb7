// Server-Sent Events for every stream the dashboard serves (a job's log today; the status stream
// and the journal follow next): framing, keep-alive, Last-Event-ID, release on disconnect, a
// bound on what may wait for a slow client, and an end for every stream when the server stops.
// A new stream is an SseSource handed to sseResponse from its route.
import { registry, SseStream } from './stream';
import type { CloseReason, SseOptions, SseSource } from './types';

export type { CloseReason, SseEvent, SseOptions, SseSource } from './types';
export { frame } from './frame';

const defaults: Required<SseOptions> = { keepAliveMs: 15_000, retryMs: 2000, maxQueuedBytes: 1024 * 1024, drainMs: 30_000 };

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/** The id to resume after: the Last-Event-ID header (or ?after=), else 0. */
export function lastEventId(req: Request): number {
  const raw = req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('after') ?? '0';
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** A streaming response for `source`, resuming after the request's Last-Event-ID. */
export function sseResponse(req: Request, source: SseSource, options: SseOptions = {}): Response {
  const o = { ...defaults, ...options };
  let stream: SseStream | undefined;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream = new SseStream(controller, o);
        void stream.run(req.signal, source, lastEventId(req));
      },
      pull() {
        stream?.pulled();
      },
      cancel() {
        stream?.release();
      },
    },
    // Counted in bytes: desiredSize then says how much more may wait for this client.
    { highWaterMark: o.maxQueuedBytes, size: (chunk) => chunk.byteLength },
  );
  return new Response(body, { headers: SSE_HEADERS });
}

/** End every open stream with a 'closing' event (the server is stopping); returns how many. */
export function closeAllStreams(reason: CloseReason = 'server-stopping', drainMs = 1000): number {
  const all = [...registry.open];
  for (const s of all) s.close(reason, drainMs);
  return all.length;
}

/** Streams open now, and connections dropped because the client did not read the end of its stream. */
export function sseStats(): { open: number; dropped: number } {
  return { open: registry.open.size, dropped: registry.dropped };
}

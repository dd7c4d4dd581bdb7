// Server-Sent Events for every stream the dashboard serves (a job's log today; the status stream
// and the journal follow next): framing, keep-alive, Last-Event-ID, release on disconnect, a
// bound on what may wait for a slow client, and an end for every stream when the server stops.

export interface SseEvent {
  /** Increasing within a stream; a reconnecting browser sends the last one back as Last-Event-ID. */
  id?: number;
  event: string;
  /** Sent as JSON on one data line. */
  data: unknown;
}

/** What a stream shows: first what is stored after an id, then what happens from now on. */
export interface SseSource {
  /** Sent first on every connection (the current state, say). */
  open?(): SseEvent[];
  /**
   * Start listening; null when the source is no longer live (the replay is then all of it).
   * Called before replay, and live events are held until it is done, so nothing falls between.
   */
  subscribe(push: (e: SseEvent) => void): (() => void) | null;
  /** What is stored after `afterId` (0: from the start), pushed in order. */
  replay(afterId: number, push: (e: SseEvent) => void): Promise<void>;
  /** Sent at the end of a source that is not live. */
  final?(): SseEvent | null;
  /** Whether a live event is the last: the stream ends after it. */
  isLast?(e: SseEvent): boolean;
}

export type CloseReason = 'server-stopping' | 'too-far-behind';

export interface SseOptions {
  keepAliveMs?: number;
  /** How long a browser waits before it reconnects. */
  retryMs?: number;
  /** What may wait for one client before it is let go with a 'closing' event. */
  maxQueuedBytes?: number;
  /** How long a stream that was ended may take to drain before its connection is dropped. */
  drainMs?: number;
}

const defaults: Required<SseOptions> = { keepAliveMs: 15_000, retryMs: 2000, maxQueuedBytes: 1024 * 1024, drainMs: 30_000 };

const messages: Record<CloseReason, string> = {
  'server-stopping': 'the dashboard server is stopping; reconnect once it is back',
  'too-far-behind': 'this client fell too far behind the stream; reconnect with Last-Event-ID to resume from the stored log',
};

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

const KEY = Symbol.for('mini-vm-dashboard.sse');
const g = globalThis as unknown as Record<symbol, { open: Set<SseStream>; dropped: number } | undefined>;
const registry = (g[KEY] ??= { open: new Set(), dropped: 0 });
const open = registry.open;

const enc = new TextEncoder();

export function frame(e: SseEvent): string {
  return `${e.id !== undefined ? `id: ${e.id}\n` : ''}event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

// One event object is often sent to many streams (a log line to every browser watching): it is
// framed and encoded once, and each stream copies the bytes into its next chunk.
const framed = new WeakMap<SseEvent, Uint8Array>();

function frameBytes(e: SseEvent): Uint8Array {
  let bytes = framed.get(e);
  if (!bytes) framed.set(e, (bytes = enc.encode(frame(e))));
  return bytes;
}

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
        void stream.run(req, source, lastEventId(req));
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
  const all = [...open];
  for (const s of all) s.close(reason, drainMs);
  return all.length;
}

/** Streams open now, and connections dropped because the client did not read the end of its stream. */
export function sseStats(): { open: number; dropped: number } {
  return { open: open.size, dropped: registry.dropped };
}

class SseStream {
  private done = false;
  private sentId = 0;
  private held: SseEvent[] | null = [];
  private heldBytes = 0;
  private unsubscribe: (() => void) | null = null;
  private beat?: NodeJS.Timeout;
  private signal?: AbortSignal;
  /** What was written since the last flush: a burst of events becomes one chunk. */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private flushing = false;

  constructor(
    private readonly c: ReadableStreamDefaultController<Uint8Array>,
    private readonly o: Required<SseOptions>,
  ) {}

  async run(req: Request, source: SseSource, after: number): Promise<void> {
    open.add(this);
    this.sentId = after;
    this.signal = req.signal;
    req.signal.addEventListener('abort', this.release);
    this.write(`retry: ${this.o.retryMs}\n\n`);
    for (const e of source.open?.() ?? []) this.send(e);
    if (this.done) return;
    this.unsubscribe = source.subscribe((e) => this.live(e, source));
    this.beat = setInterval(() => this.write(': keep-alive\n\n'), this.o.keepAliveMs);
    this.beat.unref();
    try {
      await source.replay(after, (e) => this.send(e));
    } catch (e) {
      console.error('an event stream could not replay what is stored', e);
    }
    const held = this.held ?? [];
    this.held = null;
    for (const e of held) this.deliver(e, source);
    if (!this.unsubscribe && !this.done) {
      const last = source.final?.();
      if (last) this.send(last);
      this.end();
    }
  }

  private live(e: SseEvent, source: SseSource): void {
    if (this.held === null) return this.deliver(e, source);
    this.held.push(e);
    this.heldBytes += frame(e).length;
    if (this.heldBytes > this.o.maxQueuedBytes) this.close('too-far-behind', this.o.drainMs);
  }

  private deliver(e: SseEvent, source: SseSource): void {
    if (e.id !== undefined && e.id <= this.sentId) return;
    this.send(e);
    if (source.isLast?.(e)) this.end();
  }

  private send(e: SseEvent): void {
    if (this.write(frameBytes(e)) && e.id !== undefined) this.sentId = e.id;
  }

  /** Queue for the client; false (and the client let go) when it is too far behind to take more. */
  private write(bytes: Uint8Array | string): boolean {
    if (this.done) return false;
    const b = typeof bytes === 'string' ? enc.encode(bytes) : bytes;
    if ((this.c.desiredSize ?? 0) - this.pendingBytes < b.byteLength) {
      this.close('too-far-behind', this.o.drainMs);
      return false;
    }
    this.queue(b);
    return true;
  }

  private queue(b: Uint8Array): void {
    this.pending.push(b);
    this.pendingBytes += b.byteLength;
    if (!this.flushing) {
      this.flushing = true;
      queueMicrotask(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.flushing = false;
    if (this.pending.length === 0) return;
    const chunk = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    try {
      this.c.enqueue(chunk);
    } catch {
      /* the client went away meanwhile */
    }
  };

  /** Say why, then end; a client that does not read even that is dropped after drainMs. */
  close(reason: CloseReason, drainMs: number): void {
    if (this.done) return;
    // Past the bound on purpose: this one small event is what tells the client to resume.
    this.queue(frameBytes({ event: 'closing', data: { reason, message: messages[reason], lastEventId: this.sentId } }));
    this.end(drainMs);
  }

  private end(drainMs = this.o.drainMs): void {
    if (this.done) return;
    this.release();
    this.flush();
    try {
      this.c.close();
    } catch {
      /* already closed */
    }
    // close() waits for the queue to drain; a client that never reads would hold it for ever.
    setTimeout(() => {
      // Still queued (desiredSize below the bound): the client never read it.
      if ((this.c.desiredSize ?? this.o.maxQueuedBytes) >= this.o.maxQueuedBytes) return;
      registry.dropped += 1;
      try {
        this.c.error(new DOMException('the client did not read the end of the stream', 'AbortError'));
      } catch {
        /* gone meanwhile */
      }
    }, drainMs).unref();
  }

  /** Stop producing: the client went away, or the stream ended. */
  readonly release = (): void => {
    this.done = true;
    clearInterval(this.beat);
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.signal?.removeEventListener('abort', this.release);
    open.delete(this);
  };
}

import { encodeBurst, framed, type Framed } from './frame';
import type { CloseReason, SseEvent, SseOptions, SseSource } from './types';
import { processState } from '../process-state';

const messages: Record<CloseReason, string> = {
  'server-stopping': 'the dashboard server is stopping; reconnect once it is back',
  'too-far-behind': 'this client fell too far behind the stream; reconnect with Last-Event-ID to resume from the stored log',
};

/** How often a stream reads the store again because live events outran its replay, before it gives up. */
const MAX_CATCH_UPS = 10;

/** Every open stream, and how many were dropped because the client did not read the end. */
export const registry = processState<{ open: Set<SseStream>; dropped: number }>('sse', () => ({ open: new Set(), dropped: 0 }));

/**
 * One client's stream. Memory per client is bounded twice: what waits in its queue (desiredSize
 * counts bytes), and the live events held while the store is replayed to it. A replay is read
 * only as fast as the client takes it; live events that outrun it are dropped and read from the
 * store in another pass (they are stored before they are pushed), so a client that reads is
 * never let go for being slow to start, and one that does not read costs at most the bound.
 */
export class SseStream {
  private done = false;
  private sentId = 0;
  /** Live events that came during the replay, sent after it; null once it is over. */
  private held: SseEvent[] | null = [];
  private heldBytes = 0;
  /** The held events overflowed and were dropped: replay again from what was sent. */
  private overrun = false;
  /** Meanwhile, the last of each event without an id (a job's state): the store does not keep those. */
  private readonly latest = new Map<string, SseEvent>();
  private unsubscribe: (() => void) | null = null;
  private beat?: NodeJS.Timeout;
  private signal?: AbortSignal;
  private readonly stopped = new AbortController();
  /** What was written since the last flush: a burst of events becomes one chunk. */
  private pending: Framed[] = [];
  private pendingBytes = 0;
  private flushing = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly c: ReadableStreamDefaultController<Uint8Array>,
    private readonly o: Required<SseOptions>,
  ) {}

  async run(signal: AbortSignal, source: SseSource, after: number): Promise<void> {
    registry.open.add(this);
    this.sentId = after;
    this.signal = signal;
    signal.addEventListener('abort', this.release);
    this.write(`retry: ${this.o.retryMs}\n\n`);
    for (const e of source.open?.() ?? []) this.send(e);
    if (this.done) return;
    this.unsubscribe = source.subscribe((e) => this.live(e, source));
    this.beat = setInterval(() => this.queued() === 0 && this.write(': keep-alive\n\n'), this.o.keepAliveMs);
    this.beat.unref();
    await this.catchUp(source, after);
    if (this.done) return;
    const held = this.held ?? [];
    this.held = null;
    for (const e of held) this.deliver(e, source);
    if (!this.unsubscribe && !this.done) {
      const last = source.final?.();
      if (last) this.send(last);
      this.end();
    }
  }

  /** Replay the store; while live events outran it, replay again from where it got. */
  private async catchUp(source: SseSource, after: number): Promise<void> {
    for (let pass = 1; !this.done; pass++) {
      try {
        for await (const e of source.replay(after, this.stopped.signal)) {
          if (!(await this.room(framed(e).bytes))) return;
          this.send(e);
        }
      } catch (e) {
        if (!this.done) console.error('an event stream could not replay what is stored', e);
      }
      if (!this.overrun) return;
      if (pass >= MAX_CATCH_UPS) return this.close('too-far-behind', this.o.drainMs);
      this.overrun = false;
      this.held = [...this.latest.values()];
      this.latest.clear();
      this.heldBytes = 0;
      after = this.sentId;
    }
  }

  private live(e: SseEvent, source: SseSource): void {
    if (this.held === null) return this.deliver(e, source);
    if (this.overrun) {
      if (e.id === undefined) this.latest.set(e.event, e);
      return;
    }
    this.held.push(e);
    this.heldBytes += framed(e).bytes;
    if (this.heldBytes <= this.o.maxQueuedBytes) return;
    this.overrun = true;
    for (const h of this.held) if (h.id === undefined) this.latest.set(h.event, h);
    this.held = [];
    this.heldBytes = 0;
  }

  private deliver(e: SseEvent, source: SseSource): void {
    if (e.id !== undefined && e.id <= this.sentId) return;
    this.send(e);
    if (source.isLast?.(e)) this.end();
  }

  private send(e: SseEvent): void {
    if (this.write(framed(e)) && e.id !== undefined) this.sentId = e.id;
  }

  /** Bytes waiting for the client, in its queue or about to be. */
  private queued(): number {
    return this.o.maxQueuedBytes - (this.c.desiredSize ?? 0) + this.pendingBytes;
  }

  /** Wait until the client has room for n bytes; false when it is gone, or read nothing for drainMs. */
  private async room(n: number): Promise<boolean> {
    const need = Math.min(n, this.o.maxQueuedBytes);
    while (!this.done && this.o.maxQueuedBytes - this.queued() < need) {
      const read = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), this.o.drainMs);
        this.wake = () => {
          clearTimeout(t);
          resolve(true);
        };
      });
      this.wake = null;
      if (!read) this.close('too-far-behind', this.o.drainMs);
    }
    return !this.done;
  }

  /** The client took a chunk: a replay waiting for room may go on. */
  readonly pulled = (): void => this.wake?.();

  /** Queue for the client; false (and the client let go) when it is too far behind to take more. */
  private write(f: Framed | string): boolean {
    if (this.done) return false;
    const b = typeof f === 'string' ? { text: f, bytes: Buffer.byteLength(f) } : f;
    if (this.queued() + b.bytes > this.o.maxQueuedBytes) {
      this.close('too-far-behind', this.o.drainMs);
      return false;
    }
    this.queue(b);
    return true;
  }

  private queue(b: Framed): void {
    this.pending.push(b);
    this.pendingBytes += b.bytes;
    if (!this.flushing) {
      this.flushing = true;
      queueMicrotask(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.flushing = false;
    if (this.pending.length === 0) return;
    const chunk = encodeBurst(this.pending);
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
    this.queue(framed({ event: 'closing', data: { reason, message: messages[reason], lastEventId: this.sentId } }));
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
    this.stopped.abort();
    this.wake?.();
    registry.open.delete(this);
  };
}

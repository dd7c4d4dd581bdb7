export interface SseEvent {
  /** Increasing within a stream; a reconnecting browser sends the last one back as Last-Event-ID. */
  id?: number;
  event: string;
  /** Sent as JSON on one data line. */
  data: unknown;
}

/**
 * What a stream shows: what is stored after an id, then what happens from now on. Events with
 * an id must be in the store before they are pushed live: a client that falls behind is then
 * served from the store, not from memory.
 */
export interface SseSource {
  /** Sent first on every connection (the current state, say). */
  open?(): SseEvent[];
  /**
   * Start listening; null when the source is no longer live (the replay is then all of it).
   * Called before replay, and live events are held until it is done, so nothing falls between.
   */
  subscribe(push: (e: SseEvent) => void): (() => void) | null;
  /**
   * What is stored after `afterId` (0: from the start), in order. Read as the client takes it;
   * `signal` aborts when the client is gone, so an abandoned replay stops reading.
   */
  replay(afterId: number, signal: AbortSignal): AsyncIterable<SseEvent>;
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
  /** What may wait for one client; past it the client is let go with a 'closing' event. */
  maxQueuedBytes?: number;
  /** How long a client may read nothing (during a replay, or after the end) before it is dropped. */
  drainMs?: number;
}

import type { SseEvent } from './types';

export const enc = new TextEncoder();

export function frame(e: SseEvent): string {
  return `${e.id !== undefined ? `id: ${e.id}\n` : ''}event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

// One event object is often sent to many streams (a log line to every browser watching): it is
// framed once, and kept on the event itself, so it goes when the event goes (a WeakMap's entries
// would wait for a full collection, and a flood of lines would fill the old generation meanwhile).
const FRAMED = Symbol('framed');

export interface Framed {
  text: string;
  /** Its length in UTF-8, which is what the client's queue counts. */
  bytes: number;
}

export function framed(e: SseEvent): Framed {
  const ev = e as SseEvent & { [FRAMED]?: Framed };
  if (!ev[FRAMED]) {
    const text = frame(e);
    ev[FRAMED] = { text, bytes: Buffer.byteLength(text) };
  }
  return ev[FRAMED];
}

// The streams watching one source get the same burst of frames in the same turn, one after the
// other: the first encodes it, the others send the very same bytes. Twenty browsers behind on one
// run then hold one copy of what waits for them, not twenty.
let lastBurst: { parts: Framed[]; chunk: Uint8Array } | null = null;

/** The frames of one burst as one chunk; the same chunk as the last caller's when its frames are the same. */
export function encodeBurst(parts: Framed[]): Uint8Array {
  const prev = lastBurst;
  if (prev && prev.parts.length === parts.length && prev.parts.every((p, i) => p === parts[i])) return prev.chunk;
  const chunk = enc.encode(parts.length === 1 ? parts[0].text : parts.map((p) => p.text).join(''));
  lastBurst = { parts, chunk };
  return chunk;
}

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { dataDir } from '../config';
import type { JobLine, LineLevel } from './types';

export const jobIdRe = /^[a-z0-9]{8,16}-[a-f0-9]{8}$/;

export function logDir(): string {
  return path.join(dataDir(), 'jobs');
}

/** Where rebuild logs went before jobs had a folder of their own; still read for older runs. */
const legacyDir = () => path.join(dataDir(), 'rebuilds');

/** Only ids we minted reach the file system, so a request can never name another path. */
export function logPathFor(id: string): string {
  if (!jobIdRe.test(id)) throw new Error('invalid job id');
  const file = path.join(logDir(), `${id}.log`);
  const old = path.join(legacyDir(), `${id}.log`);
  return !fs.existsSync(file) && fs.existsSync(old) ? old : file;
}

// On disk every line is "<ISO time> <text>"; its line number is its event id.
export function formatLine(t: number, text: string): string {
  return `${new Date(t).toISOString()} ${text}\n`;
}

function parseLine(seq: number, raw: string): JobLine {
  const sp = raw.indexOf(' ');
  const t = sp > 0 ? Date.parse(raw.slice(0, sp)) : NaN;
  return Number.isNaN(t) ? { seq, t: 0, text: raw } : { seq, t, text: raw.slice(sp + 1) };
}

/** The level the browser draws: the kind's error rule first, then the dashboard's own lines. */
export function levelOf(text: string, isError?: (line: string) => boolean): LineLevel | undefined {
  if (isError?.(text)) return 'error';
  if (text.startsWith('[dashboard]')) return 'note';
  return undefined;
}

export function withLevel(l: JobLine, isError?: (line: string) => boolean): JobLine {
  const level = levelOf(l.text, isError);
  return level ? { ...l, level } : l;
}

async function openLog(id: string): Promise<fs.ReadStream | null> {
  try {
    const stream = fs.createReadStream(logPathFor(id), { encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return stream;
  } catch {
    return null;
  }
}

/**
 * The lines after `afterSeq`, streamed from disk; only the last `tail` are kept so a late joiner
 * of a huge log gets its end, and memory stays bounded.
 */
export async function readLogLines(id: string, afterSeq: number, tail: number, isError?: (line: string) => boolean, signal?: AbortSignal): Promise<{ lines: JobLine[]; skipped: number; lastSeq: number }> {
  // The last `tail` raw lines, in a ring: a huge log costs one pass and no copying per line.
  const ring: string[] = new Array(Math.max(1, tail));
  let seq = 0;
  let kept = 0;
  const stream = await openLog(id);
  if (!stream) return { lines: [], skipped: 0, lastSeq: 0 };
  try {
    for await (const raw of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
      // Nobody wants the rest (the client went away): stop reading a log that may be large.
      if (signal?.aborted) break;
      seq += 1;
      if (seq <= afterSeq) continue;
      ring[kept++ % ring.length] = raw;
    }
  } finally {
    stream.destroy();
  }
  const n = Math.min(kept, tail);
  const first = seq - n + 1;
  // Parsed and classified only once the tail is known, so a huge log costs no extra work per dropped line.
  const lines = Array.from({ length: n }, (_, i) => withLevel(parseLine(first + i, ring[(kept - n + i) % ring.length]), isError));
  return { lines, skipped: kept - n, lastSeq: seq };
}

/** How many lines the log has and when the last one was written (0 when there is none). */
export async function logEnd(id: string): Promise<{ lines: number; lastAt: number }> {
  const r = await readLogLines(id, 0, 1);
  return { lines: r.lastSeq, lastAt: r.lines[0]?.t ?? 0 };
}

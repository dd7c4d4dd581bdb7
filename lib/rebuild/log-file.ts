import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { dataDir } from '../config';
import { logLine } from './parse';
import type { RebuildLine } from './types';

export const runIdRe = /^[a-z0-9]{8,16}-[a-f0-9]{8}$/;

export function logDir(): string {
  return path.join(dataDir(), 'rebuilds');
}

/** Only ids we minted reach the file system, so a request can never name another path. */
export function logPathFor(id: string): string {
  if (!runIdRe.test(id)) throw new Error('invalid run id');
  return path.join(logDir(), `${id}.log`);
}

// On disk every line is "<ISO time> <text>"; its line number is its event id.
export function formatLine(t: number, text: string): string {
  return `${new Date(t).toISOString()} ${text}\n`;
}

function parseLine(seq: number, raw: string): RebuildLine {
  const sp = raw.indexOf(' ');
  const t = sp > 0 ? Date.parse(raw.slice(0, sp)) : NaN;
  return Number.isNaN(t) ? { seq, t: 0, text: raw } : { seq, t, text: raw.slice(sp + 1) };
}

/**
 * The lines after `afterSeq`, streamed from disk; only the last `tail` are kept so a late joiner
 * of a huge log gets its end, and memory stays bounded.
 */
export async function readLogLines(id: string, afterSeq: number, tail: number): Promise<{ lines: RebuildLine[]; skipped: number; lastSeq: number }> {
  const lines: RebuildLine[] = [];
  let seq = 0;
  let skipped = 0;
  let stream: fs.ReadStream;
  try {
    stream = fs.createReadStream(logPathFor(id), { encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  } catch {
    return { lines, skipped, lastSeq: 0 };
  }
  const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
  for await (const raw of rl) {
    seq += 1;
    if (seq <= afterSeq) continue;
    lines.push(parseLine(seq, raw));
    if (lines.length > tail) {
      lines.shift();
      skipped += 1;
    }
  }
  // Classified only once the tail is known, so a huge log costs no extra work per dropped line.
  return { lines: lines.map((l) => logLine(l.seq, l.t, l.text)), skipped, lastSeq: seq };
}

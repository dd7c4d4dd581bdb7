import { parseJournalLine, type JournalEntry } from './entry';
import { LineSplitter } from './lines';

export const MAX_ENTRIES = 5000;
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface JournalAnswer {
  /** Oldest first, newest last. */
  entries: JournalEntry[];
  /** Lines that were not a JSON object, or longer than a line may be. */
  skipped: number;
  /** True when a cap (entries or bytes) stopped the reading: older entries may exist. */
  capped: boolean;
}

export interface JournalReadOptions {
  maxEntries?: number;
  maxBytes?: number;
  /** The output is newest first (journalctl --reverse, as journalArgv asks): caps then keep the newest. */
  newestFirst?: boolean;
}

/**
 * Reads `journalctl -o json` output as it arrives, within the caps. push() answers false once a cap
 * is reached: the caller stops reading (kills the process); what came past the cap is not kept.
 */
export class JournalReader {
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly newestFirst: boolean;
  private readonly splitter: LineSplitter;
  private entries: JournalEntry[] = [];
  private bytes = 0;
  private skipped = 0;
  private full = false;

  constructor(opts: JournalReadOptions = {}) {
    this.maxEntries = Math.max(1, Math.min(opts.maxEntries ?? MAX_ENTRIES, MAX_ENTRIES));
    this.maxBytes = Math.max(1, Math.min(opts.maxBytes ?? MAX_ANSWER_BYTES, MAX_ANSWER_BYTES));
    this.newestFirst = opts.newestFirst ?? false;
    this.splitter = new LineSplitter({ maxLineBytes: this.maxBytes });
  }

  push(chunk: Buffer | string): boolean {
    if (this.full) return false;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const room = this.maxBytes - this.bytes;
    // Past the byte cap the rest is not read; a line cut there is incomplete and dropped.
    const part = buf.length > room ? buf.subarray(0, room) : buf;
    this.bytes += part.length;
    for (const line of this.splitter.push(part)) this.take(line);
    if (part.length < buf.length) this.full = true;
    return !this.full;
  }

  /** Everything read, oldest first. Call once, after the stream ended or push() said stop. */
  end(): JournalAnswer {
    if (!this.full) for (const line of this.splitter.end()) this.take(line);
    const entries = this.newestFirst ? this.entries.reverse() : this.entries;
    return { entries, skipped: this.skipped + this.splitter.overlong, capped: this.full };
  }

  private take(line: string) {
    if (this.full || line.trim() === '') return;
    const entry = parseJournalLine(line);
    if (!entry) {
      this.skipped += 1;
      return;
    }
    if (this.entries.length >= this.maxEntries) this.full = true; // one more than the cap: there is more
    else this.entries.push(entry);
  }
}

/** The same for output already in hand. */
export function parseJournalOutput(output: string | Buffer, opts: JournalReadOptions = {}): JournalAnswer {
  const reader = new JournalReader(opts);
  reader.push(output);
  return reader.end();
}

const NL = 0x0a;

/**
 * Splits a byte stream (a followed journal, a long command's output) into lines, never holding
 * more than `maxLineBytes` of an unfinished line: a longer line is dropped whole and counted, so a
 * writer that never sends a newline cannot grow the buffer. Bytes are joined before decoding, so a
 * UTF-8 character split across chunks survives.
 */
export class LineSplitter {
  readonly maxLineBytes: number;
  /** Lines dropped because they were longer than maxLineBytes. */
  overlong = 0;
  private parts: Buffer[] = [];
  private size = 0;
  private discarding = false;

  constructor(opts: { maxLineBytes?: number } = {}) {
    this.maxLineBytes = opts.maxLineBytes ?? 256 * 1024;
  }

  /** Bytes of the unfinished line held now. */
  get pendingBytes(): number {
    return this.size;
  }

  push(chunk: Buffer | string): string[] {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const lines: string[] = [];
    let start = 0;
    for (let nl = buf.indexOf(NL, start); nl !== -1; nl = buf.indexOf(NL, start)) {
      this.add(buf.subarray(start, nl));
      if (!this.discarding) lines.push(this.take());
      this.reset();
      start = nl + 1;
    }
    this.add(buf.subarray(start));
    return lines;
  }

  /** The last line when the stream ended without a newline (unless it was too long). */
  end(): string[] {
    const last = !this.discarding && this.size > 0 ? [this.take()] : [];
    this.reset();
    return last;
  }

  private add(part: Buffer) {
    if (this.discarding || part.length === 0) return;
    if (this.size + part.length > this.maxLineBytes) {
      this.overlong += 1;
      this.discarding = true;
      this.parts = [];
      this.size = 0;
      return;
    }
    this.parts.push(part);
    this.size += part.length;
  }

  private take(): string {
    const text = Buffer.concat(this.parts, this.size).toString('utf8');
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  }

  private reset() {
    this.parts = [];
    this.size = 0;
    this.discarding = false;
  }
}

import fs from 'node:fs';
import { formatLine, withLevel } from './log-file';
import type { JobLine } from './types';

/**
 * A job's log as it is written: every line goes to disk before anyone is told of it (so a
 * reader that replays the file, then listens, misses nothing), up to a cap past which one line
 * says so and the rest is dropped. The dashboard's own lines ([dashboard] ...) always go in.
 */
export class LogSink {
  private bytes = 0;
  private seq: number;
  truncated = false;

  constructor(
    private readonly fd: number,
    private readonly cap: number,
    private readonly capName: string,
    private readonly isError?: (line: string) => boolean,
    firstSeq = 0,
  ) {
    this.seq = firstSeq;
  }

  /** Write the lines that fit; returns them as numbered log lines. */
  write(texts: string[], own = false): JobLine[] {
    const out: JobLine[] = [];
    let batch = '';
    for (const text of texts) {
      const t = Date.now();
      let formatted = formatLine(t, text);
      let shown = text;
      if (!own && this.bytes + Buffer.byteLength(formatted) > this.cap) {
        if (this.truncated) continue;
        this.truncated = true;
        shown = `[dashboard] log truncated: output beyond ${this.capName} (${this.cap} bytes) is not kept; the run goes on and its result will still be reported`;
        formatted = formatLine(t, shown);
      }
      this.bytes += Buffer.byteLength(formatted);
      batch += formatted;
      out.push(withLevel({ seq: ++this.seq, t, text: shown }, this.isError));
    }
    if (batch) {
      try {
        fs.writeSync(this.fd, batch);
      } catch {
        /* a full disk must not stop the run; the live view still gets the lines */
      }
    }
    return out;
  }

  close(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      /* already closed */
    }
  }
}

/** Add the dashboard's own lines to a log no process is writing (an orphan's, found after a restart). */
export function appendOwnLines(file: string, firstSeq: number, texts: string[], isError?: (line: string) => boolean): JobLine[] {
  try {
    const sink = new LogSink(fs.openSync(file, 'a', 0o600), Infinity, '', isError, firstSeq);
    const lines = sink.write(texts, true);
    sink.close();
    return lines;
  } catch {
    return [];
  }
}

import { StringDecoder } from 'node:string_decoder';

const MAX_LINE = 64 * 1024;
const ansiRe = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

/**
 * Split one output stream into lines as chunks arrive (each stream keeps its own partial line, so
 * stdout and stderr merge line-wise). Overlong lines are cut so one line cannot grow without bound.
 */
export function lineReader(stream: NodeJS.ReadableStream | null, onLines: (lines: string[]) => void) {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  const take = (text: string, final: boolean) => {
    partial += text;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    if (final && partial) {
      parts.push(partial);
      partial = '';
    }
    while (partial.length > MAX_LINE) {
      parts.push(partial.slice(0, MAX_LINE));
      partial = partial.slice(MAX_LINE);
    }
    if (parts.length) onLines(parts.map(cleanLine));
  };
  stream?.on('data', (b: Buffer) => take(decoder.write(b), false));
  return { flush: () => take(decoder.end(), true) };
}

export function cleanLine(raw: string): string {
  const noAnsi = raw.replace(ansiRe, '');
  // A carriage return redraws the line on a terminal: keep what would be visible.
  const cr = noAnsi.replace(/\r+$/, '').lastIndexOf('\r');
  return (cr >= 0 ? noAnsi.slice(cr + 1) : noAnsi).replace(/\r+$/, '');
}

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cleanLine, lineReader } from './line-reader';

describe('line reader', () => {
  it('splits chunks into whole lines, across chunk and UTF-8 boundaries', () => {
    const s = new PassThrough();
    const got: string[] = [];
    const r = lineReader(s, (l) => got.push(...l));
    const bytes = Buffer.from('building the sys\ntem…é\nlast');
    s.write(bytes.subarray(0, 10));
    s.write(bytes.subarray(10, 21)); // ends inside the three bytes of '…'
    expect(got).toEqual(['building the sys']);
    s.write(bytes.subarray(21));
    expect(got).toEqual(['building the sys', 'tem…é']);
    r.flush();
    expect(got).toEqual(['building the sys', 'tem…é', 'last']);
  });
  it('drops colour codes and keeps what a terminal would show after a carriage return', () => {
    expect(cleanLine('\x1b[31;1merror:\x1b[0m boom')).toBe('error: boom');
    expect(cleanLine('[1/3 built] copying\r[2/3 built] copying\r')).toBe('[2/3 built] copying');
  });
});

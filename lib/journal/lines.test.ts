import { describe, expect, it } from 'vitest';
import { LineSplitter } from './lines';

describe('LineSplitter', () => {
  it('splits across chunks, keeping characters split between them', () => {
    const s = new LineSplitter();
    const euro = Buffer.from('€');
    expect(s.push(Buffer.concat([Buffer.from('one\ntw'), euro.subarray(0, 1)]))).toEqual(['one']);
    expect(s.push(Buffer.concat([euro.subarray(1), Buffer.from('o\r\nthree')]))).toEqual(['tw€o']);
    expect(s.end()).toEqual(['three']);
    expect(s.end()).toEqual([]);
  });

  it('keeps empty lines', () => {
    expect(new LineSplitter().push('a\n\nb\n')).toEqual(['a', '', 'b']);
  });

  it('drops a line longer than the cap, and never holds more than the cap', () => {
    const s = new LineSplitter({ maxLineBytes: 10 });
    expect(s.push('short\n' + 'x'.repeat(8))).toEqual(['short']);
    for (let i = 0; i < 1000; i++) {
      expect(s.push('y'.repeat(1000))).toEqual([]);
      expect(s.pendingBytes).toBeLessThanOrEqual(10);
    }
    expect(s.push('tail\nnext\n')).toEqual(['next']);
    expect(s.overlong).toBe(1);
    s.push('z'.repeat(11));
    expect(s.end()).toEqual([]);
    expect(s.overlong).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { CUT_MARK, MESSAGE_MAX_BYTES, parseJournalLine, stripAnsi, toJournalEntry } from './entry';

const bytes = (s: string | Buffer) => [...Buffer.from(s)];
const base = { __CURSOR: 's=ab;i=1;b=cd;m=1;t=2;x=3', __REALTIME_TIMESTAMP: '1715680800500000', _BOOT_ID: 'cd', _PID: '842', _SYSTEMD_UNIT: 'jellyfin.service', SYSLOG_IDENTIFIER: 'jellyfin', PRIORITY: '3' };

describe('one journal entry', () => {
  it('reads the fields, whatever their order', () => {
    const keys = Object.keys({ ...base, MESSAGE: 'hello' }).reverse();
    const line = JSON.stringify(Object.fromEntries(keys.map((k) => [k, ({ ...base, MESSAGE: 'hello' } as Record<string, string>)[k]])));
    expect(parseJournalLine(line)).toEqual({
      time: '2024-05-14T10:00:00.500Z', priority: 3, unit: 'jellyfin.service', pid: 842, identifier: 'jellyfin',
      message: 'hello', cursor: 's=ab;i=1;b=cd;m=1;t=2;x=3', bootId: 'cd',
    });
  });

  it('prefers the source time, and reads a missing priority as info', () => {
    const e = toJournalEntry({ ...base, PRIORITY: undefined, _SOURCE_REALTIME_TIMESTAMP: '1715680800123456', MESSAGE: 'x' });
    expect(e.time).toBe('2024-05-14T10:00:00.123Z');
    expect(e.priority).toBe(6);
    expect(toJournalEntry({ ...base, PRIORITY: '9', MESSAGE: 'x' }).priority).toBe(6);
    expect(toJournalEntry({ MESSAGE: 'x' })).toMatchObject({ time: null, unit: null, pid: null, cursor: null, bootId: null, identifier: null });
  });

  it('decodes a byte-array message as UTF-8, with replacement, and strips colours', () => {
    expect(toJournalEntry({ ...base, MESSAGE: bytes('\x1b[1;31mError:\x1b[0m disk full') }).message).toBe('Error: disk full');
    expect(toJournalEntry({ ...base, MESSAGE: bytes(Buffer.from([0x62, 0x61, 0x64, 0xff, 0x21])) }).message).toBe('bad\uFFFD!');
    expect(toJournalEntry({ ...base, MESSAGE: bytes('Grüße ✓') }).message).toBe('Grüße ✓');
    expect(toJournalEntry({ ...base, MESSAGE: [300, -1, 'x'] }).message).toBe('x');
  });

  it('joins a field given twice, and takes the first of other fields', () => {
    expect(toJournalEntry({ ...base, MESSAGE: ['one', 'two'] }).message).toBe('one\ntwo');
    expect(toJournalEntry({ ...base, MESSAGE: [bytes('\x1b[32mok'), 'plain'], _PID: ['12', '13'] })).toMatchObject({ message: 'ok\nplain', pid: 12 });
  });

  it('marks a value journalctl left out (4096 bytes or more without --all)', () => {
    expect(toJournalEntry({ ...base, MESSAGE: null })).toMatchObject({ message: '', cut: 'omitted' });
  });

  it('keeps multi-line messages and tabs, drops other control bytes', () => {
    expect(toJournalEntry({ ...base, MESSAGE: 'Traceback:\n\tat Foo()\r\n\u0007bell' }).message).toBe('Traceback:\n\tat Foo()\nbell');
  });

  it('cuts a very long message at 16 KiB with a mark, on a character boundary', () => {
    const e = toJournalEntry({ ...base, MESSAGE: 'é'.repeat(20_000) });
    expect(e.cut).toBe('long');
    expect(e.message.endsWith(CUT_MARK)).toBe(true);
    const head = e.message.slice(0, -CUT_MARK.length);
    expect(Buffer.byteLength(head)).toBeLessThanOrEqual(MESSAGE_MAX_BYTES);
    expect(head).toMatch(/^é+$/);
    expect(toJournalEntry({ ...base, MESSAGE: 'a'.repeat(MESSAGE_MAX_BYTES) }).cut).toBeUndefined();
    expect(toJournalEntry({ ...base, MESSAGE: bytes('\x1b[31m' + 'b'.repeat(100_000)) }).message.length).toBe(MESSAGE_MAX_BYTES + CUT_MARK.length);
  });

  it("names the unit a PID 1 line is about", () => {
    const e = toJournalEntry({ _SYSTEMD_UNIT: 'init.scope', _PID: '1', UNIT: 'jellyfin.service', SYSLOG_IDENTIFIER: 'systemd', MESSAGE: "jellyfin.service: Failed with result 'exit-code'." });
    expect(e).toMatchObject({ unit: 'jellyfin.service', pid: 1, identifier: 'systemd' });
    expect(toJournalEntry({ _COMM: 'sshd', _SYSTEMD_USER_UNIT: 'x.service', MESSAGE: '' })).toMatchObject({ unit: 'x.service', identifier: 'sshd' });
  });

  it.each(['not json', '', '[1,2]', 'null', '"str"', '{"MESSAGE": "cut'])('skips %j', (line) => {
    expect(parseJournalLine(line)).toBeNull();
  });
});

describe('stripAnsi', () => {
  it('strips colours, cursor moves, titles and links, keeps the text', () => {
    expect(stripAnsi('\x1b[38;5;196mred\x1b[0m \x1b[2K\x1b[1Gline \x1b]0;title\x07\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x1b(Bend')).toBe('red line link end');
  });
});

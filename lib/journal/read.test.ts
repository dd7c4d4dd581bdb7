import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalReader, MAX_ANSWER_BYTES, MAX_ENTRIES, parseJournalOutput } from './read';

const line = (i: number, extra: Record<string, unknown> = {}) => JSON.stringify({ __CURSOR: `s=a;i=${i.toString(16)}`, __REALTIME_TIMESTAMP: String(1715680800_000_000 + i * 1000), MESSAGE: `line ${i}`, ...extra });

describe('reading journalctl -o json output', () => {
  it('reads the real journalctl 252 samples: byte arrays, a twice-given field, null without --all', () => {
    const text = fs.readFileSync(path.join(import.meta.dirname, 'samples/journalctl-252-json.jsonl'), 'utf8');
    const { entries, skipped, capped } = parseJournalOutput(text);
    expect({ n: entries.length, skipped, capped }).toEqual({ n: 16, skipped: 0, capped: false });
    expect(entries.map((e) => e.message).slice(0, 7)).toEqual(['boot 0 line 0', 'boot 0 line 1', 'boot 0 first\nsecond line', 'boot 0 line 3', 'red text', 'boot 0 line 5\nsecond copy', "jellyfin.service: Failed with result 'exit-code'."]);
    expect(entries[3].priority).toBe(6);
    expect(entries[6]).toMatchObject({ unit: 'jellyfin.service', pid: 1, priority: 4, identifier: 'systemd' });
    expect(entries[14]).toMatchObject({ message: '', cut: 'omitted' });
    expect(entries[15].message).toBe('bad\uFFFD\uFFFD!');
    expect(new Set(entries.map((e) => e.bootId)).size).toBe(2);
    const all = parseJournalOutput(fs.readFileSync(path.join(import.meta.dirname, 'samples/journalctl-252-json-all.jsonl'))).entries;
    expect(all[14].message).toBe('x'.repeat(5000));
  });

  it('skips and counts lines that are not JSON, ignores blank ones', () => {
    const r = parseJournalOutput(`${line(1)}\nnot json\n\n{"MESSAGE":\n${line(2)}\n[]\n`);
    expect(r.entries.map((e) => e.message)).toEqual(['line 1', 'line 2']);
    expect(r.skipped).toBe(3);
  });

  it('puts newest-first output (--reverse) back in order', () => {
    const r = parseJournalOutput([3, 2, 1].map((i) => line(i)).join('\n'), { newestFirst: true });
    expect(r.entries.map((e) => e.message)).toEqual(['line 1', 'line 2', 'line 3']);
  });

  it(`stops at ${MAX_ENTRIES} entries`, () => {
    const reader = new JournalReader();
    let more = true;
    for (let i = 0; i < 6000 && more; i++) more = reader.push(line(i) + '\n');
    expect(more).toBe(false);
    const r = reader.end();
    expect(r.entries).toHaveLength(MAX_ENTRIES);
    expect(r.capped).toBe(true);
    expect(parseJournalOutput(Array.from({ length: MAX_ENTRIES }, (_, i) => line(i)).join('\n')).capped).toBe(false);
  });

  it('stops at 4 MiB, drops the line cut there, and keeps the newest with --reverse', () => {
    const big = (i: number) => line(i, { MESSAGE: `${i} ${'m'.repeat(10_000)}` });
    const reader = new JournalReader({ newestFirst: true });
    let pushed = 0;
    for (let i = 1000; i > 0 && reader.push(big(i) + '\n'); i--) pushed++;
    const r = reader.end();
    expect(r.capped).toBe(true);
    expect(pushed * 10_000).toBeLessThanOrEqual(MAX_ANSWER_BYTES);
    expect(r.entries.length).toBe(pushed);
    expect(r.entries.at(-1)!.message.startsWith('1000 ')).toBe(true);
    expect(reader.push('more')).toBe(false);
  });

  it('reads the last line without a newline, and nothing from nothing', () => {
    expect(parseJournalOutput(line(7)).entries).toHaveLength(1);
    expect(parseJournalOutput('')).toEqual({ entries: [], skipped: 0, capped: false });
  });
});

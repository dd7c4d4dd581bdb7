import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLineRe } from '../rebuild/parse';
import { formatLine, logDir, logEnd, logPathFor, readLogLines } from './log-file';

const isError = (l: string) => errorLineRe.test(l);

describe('replaying a log from disk', () => {
  let dir: string;
  const id = 'abcdefgh-0123abcd';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-log-'));
    process.env.DASHBOARD_DATA_DIR = dir;
    fs.mkdirSync(logDir(), { recursive: true });
    const texts = ['[dashboard] $ nixos-rebuild switch -L', 'building the system configuration...', "error: undefined variable 'jellyfinn'", '[dashboard] finished: failed (exit code 1)'];
    fs.writeFileSync(path.join(logDir(), `${id}.log`), texts.map((t, i) => formatLine(1000 + i, t)).join(''));
  });
  afterAll(() => {
    delete process.env.DASHBOARD_DATA_DIR;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives replayed lines the same level as live ones, decided here', async () => {
    const r = await readLogLines(id, 0, 10, isError);
    expect(r.lines.map((l) => [l.seq, l.level])).toEqual([[1, 'note'], [2, undefined], [3, 'error'], [4, 'error']]);
    expect(r.lines[2]).toEqual({ seq: 3, t: 1002, text: "error: undefined variable 'jellyfinn'", level: 'error' });
  });

  it('keeps the tail after Last-Event-ID and counts what it left out', async () => {
    const r = await readLogLines(id, 1, 2, isError);
    expect(r).toMatchObject({ skipped: 1, lastSeq: 4 });
    expect(r.lines.map((l) => l.seq)).toEqual([3, 4]);
  });

  it('knows when the last line was written', async () => {
    expect(await logEnd(id)).toEqual({ lines: 4, lastAt: 1003 });
    expect(await logEnd('zzzzzzzz-00000000')).toEqual({ lines: 0, lastAt: 0 });
  });

  it('still finds the logs of runs from before jobs had a folder of their own', () => {
    const old = 'oldoldol-0123abcd';
    fs.mkdirSync(path.join(dir, 'rebuilds'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'rebuilds', `${old}.log`), formatLine(1, 'x'));
    expect(logPathFor(old)).toBe(path.join(dir, 'rebuilds', `${old}.log`));
    expect(logPathFor(id)).toBe(path.join(logDir(), `${id}.log`));
    expect(() => logPathFor('../../etc/passwd')).toThrow();
  });
});

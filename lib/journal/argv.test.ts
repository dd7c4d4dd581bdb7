import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isJournalCursor, journalArgv, journalError, journalFollowArgv, parseJournalQuery, parseLines, parsePriority } from './argv';
import { makeSampleJournal } from './journal-fixture';
import { parseJournalOutput } from './read';

const ok = (input: Record<string, unknown>) => {
  const r = parseJournalQuery(input);
  if (!r.ok) throw new Error(r.error);
  return r.query;
};
const CURSOR = 's=281ac468f97e4c8e820bd6309381821c;i=9;b=0f1e2d3c4b5a69788796a5b4c3d2e1f0;m=895440;t=6186711226140;x=1d3f';

describe('journal query', () => {
  it('builds the argv, each filter its own element', () => {
    const argv = journalArgv(ok({ unit: 'jellyfin.service', lines: '50', priority: 'err', boot: '-1', grep: 'fail(ed)?|error.*$ [x]', before: CURSOR }));
    expect(argv.slice(0, 3)).toEqual(['journalctl', '-u', 'jellyfin.service']);
    expect(argv).toContain('--all');
    expect(argv).toContain('--no-pager');
    expect(argv.slice(argv.indexOf('-n'), argv.indexOf('-n') + 2)).toEqual(['-n', '50']);
    expect(argv.slice(argv.indexOf('-p'), argv.indexOf('-p') + 2)).toEqual(['-p', '3']);
    expect(argv.slice(argv.indexOf('-b'), argv.indexOf('-b') + 2)).toEqual(['-b', '-1']);
    expect(argv).toContain('--grep=fail(ed)?|error.*$ [x]');
    expect(argv).toContain(`--after-cursor=${CURSOR}`);
    expect(journalArgv(ok({ unit: 'a.service' }))).not.toContain('-p');
  });

  it('clamps lines, refuses what is not a whole number', () => {
    expect([undefined, '', '1', '0', '5000', '5001', '99999999999999999999', 7].map(parseLines)).toEqual([200, 200, 1, 1, 5000, 5000, 5000, 7]);
    for (const bad of ['-5', '-1', '1e9', '2.5', 'NaN', 'Infinity', ' 5', '0x10', -3, 2.5, NaN, {}, '1'.repeat(40)]) expect(parseLines(bad)).toBeNull();
    expect(parseJournalQuery({ unit: 'a.service', lines: '-5' })).toMatchObject({ ok: false, field: 'lines' });
  });

  it('reads priorities by name or number', () => {
    expect(['emerg', 'ALERT', 'crit', 'err', 'error', 'warning', 'warn', 'notice', 'info', 'debug', '0', '7'].map(parsePriority)).toEqual([0, 1, 2, 3, 3, 4, 4, 5, 6, 7, 0, 7]);
    for (const bad of ['8', '-1', 'loud', '3..0', '']) expect(parsePriority(bad)).toBeNull();
  });

  it.each([
    [{ unit: 'jellyfin.service; reboot' }, 'unit'],
    [{ unit: '--help' }, 'unit'],
    [{ unit: '-o' }, 'unit'],
    [{ unit: '../x.service' }, 'unit'],
    [{ unit: `${'a'.repeat(10_000)}.service` }, 'unit'],
    [{}, 'unit'],
    [{ unit: 'a.service', boot: '1' }, 'boot'],
    [{ unit: 'a.service', boot: 'all' }, 'boot'],
    [{ unit: 'a.service', priority: 'loud' }, 'priority'],
    [{ unit: 'a.service', grep: 'x'.repeat(257) }, 'grep'],
    [{ unit: 'a.service', grep: 'a\nb' }, 'grep'],
    [{ unit: 'a.service', grep: ['a'] }, 'grep'],
    [{ unit: 'a.service', before: '--all' }, 'before'],
    [{ unit: 'a.service', before: 's=1;i=2 --x' }, 'before'],
  ])('refuses %j', (input, field) => {
    expect(parseJournalQuery(input)).toMatchObject({ ok: false, field });
    expect(() => journalArgv(input as never)).toThrow();
  });

  it('follows from now, or after a cursor', () => {
    expect(journalFollowArgv('jellyfin.service')).toEqual(['journalctl', '-f', '-u', 'jellyfin.service', '-o', 'json', expect.stringMatching(/^--output-fields=/), '--no-pager', '--all', '-n', '0']);
    expect(journalFollowArgv('jellyfin.service', CURSOR).slice(-3)).toEqual([`--after-cursor=${CURSOR}`, '-n', '1000']);
    expect(() => journalFollowArgv('--help')).toThrow(/unit name/);
    expect(() => journalFollowArgv('a.service', '-f')).toThrow(/cursor/);
  });

  it('knows cursors and journalctl errors', () => {
    expect(isJournalCursor(CURSOR)).toBe(true);
    expect(isJournalCursor('s=a;i=1;'.repeat(100))).toBe(false);
    expect(journalError(0, '')).toBeNull();
    expect(journalError(1, '')).toBeNull();
    expect(journalError(1, 'Bad pattern "(": missing closing parenthesis\n')).toBe('Bad pattern "(": missing closing parenthesis');
    expect(journalError(null, '')).toMatch(/signal/);
  });
});

// The argv run by the real journalctl (systemd 252 here) over a real journal file.
const sample = makeSampleJournal();
describe.skipIf(!sample)('journalArgv against the real journalctl', () => {
  afterAll(() => sample && fs.rmSync(sample.dir, { recursive: true, force: true }));
  const run = (input: Record<string, unknown>) => {
    const argv = journalArgv(ok({ unit: 'jellyfin.service', ...input }));
    const r = spawnSync(argv[0], ['--file', sample!.file, ...argv.slice(1)], { encoding: 'utf8' });
    expect(journalError(r.status, r.stderr)).toBeNull();
    return parseJournalOutput(r.stdout, { newestFirst: true }).entries;
  };

  it('reads the newest lines, oldest first, PID 1 lines included', () => {
    const e = run({ lines: 3 });
    expect(e.map((x) => x.message)).toEqual(["jellyfin.service: Failed with result 'exit-code'.", 'x'.repeat(5000), 'bad\uFFFD\uFFFD!']);
  });

  it('pages back with before= (older than the cursor, none repeated)', () => {
    const last = run({ lines: 5 });
    const older = run({ lines: 5, before: last[0].cursor });
    expect(last[0].message).toBe('red text');
    expect(older.map((x) => x.message)).toEqual(["jellyfin.service: Failed with result 'exit-code'.", 'boot 1 line 0', 'boot 1 line 1', 'boot 1 first\nsecond line', 'boot 1 line 3']);
    expect(older.at(-1)!.time! < last[0].time!).toBe(true);
  });

  it('filters by priority, boot and a pattern with metacharacters', () => {
    expect(run({ priority: 'crit' }).map((x) => x.priority)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(new Set(run({ boot: -1 }).map((x) => x.bootId)).size).toBe(1);
    expect(run({ boot: -1 })).toHaveLength(7);
    expect(run({ grep: "result '(exit|signal)-?code'\\.$" })).toHaveLength(2);
    expect(run({ grep: 'NO SUCH TEXT' })).toEqual([]);
  });

  it('reports a bad pattern as journalctl words it', () => {
    const argv = journalArgv(ok({ unit: 'jellyfin.service', grep: '(' }));
    const r = spawnSync(argv[0], ['--file', sample!.file, ...argv.slice(1)], { encoding: 'utf8' });
    expect(journalError(r.status, r.stderr)).toMatch(/^Bad pattern/);
  });

  it('the output fields keep what the parser needs', () => {
    const out = execFileSync('journalctl', ['--file', sample!.file, ...journalArgv(ok({ unit: 'jellyfin.service', lines: 1 })).slice(1)], { encoding: 'utf8' });
    expect(Object.keys(JSON.parse(out)).sort()).toEqual(['MESSAGE', 'PRIORITY', '_BOOT_ID', '_SYSTEMD_UNIT', '__CURSOR', '__MONOTONIC_TIMESTAMP', '__REALTIME_TIMESTAMP']);
  });
});

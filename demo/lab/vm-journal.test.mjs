import { describe, expect, it } from 'vitest';
import { journalArgv, journalError, journalFollowArgv, parseJournalQuery } from '../../lib/journal/argv.ts';
import { parseJournalLine } from '../../lib/journal/entry.ts';
import { LineSplitter } from '../../lib/journal/lines.ts';
import { parseJournalOutput } from '../../lib/journal/read.ts';
import { follow, orb, post, until, useLab } from './vm-test-helpers.mjs';

// The simulated VM's journalctl, run through the fake orb with the argv the dashboard builds.
const lab = useLab('vm-journal');

async function page(input) {
  const q = parseJournalQuery({ unit: 'jellyfin.service', ...input });
  if (!q.ok) throw new Error(q.error);
  const r = await orb(lab, journalArgv(q.query));
  expect(journalError(r.code, r.stderr)).toBeNull();
  return parseJournalOutput(r.stdout, { newestFirst: true });
}

describe('simulated journalctl', () => {
  it('gives the newest lines, oldest first, from two boots, with cursors and several priorities', async () => {
    const all = await page({ lines: 5000 });
    expect(all.skipped).toBe(0);
    expect(all.entries.length).toBeGreaterThan(20);
    const times = all.entries.map((e) => e.time);
    expect([...times].sort()).toEqual(times);
    expect(new Set(all.entries.map((e) => e.bootId)).size).toBe(2);
    expect(new Set(all.entries.map((e) => e.priority)).size).toBeGreaterThanOrEqual(3);
    expect(all.entries.every((e) => e.cursor && e.unit === 'jellyfin.service')).toBe(true);
    expect(all.entries.some((e) => e.identifier === 'systemd' && e.message === 'Started Jellyfin Media Server.')).toBe(true);
    expect((await page({ lines: 3 })).entries).toEqual(all.entries.slice(-3));
  });

  it('prints colours as bytes and leaves PRIORITY out sometimes, as journald does', async () => {
    const raw = (await orb(lab, ['journalctl', '-u', 'jellyfin.service', '-o', 'json', '--no-pager', '--all'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    const bytes = raw.find((o) => Array.isArray(o.MESSAGE));
    expect(bytes).toBeDefined();
    expect(parseJournalLine(JSON.stringify(bytes)).message).not.toMatch(/\x1b/);
    expect(raw.some((o) => o.PRIORITY === undefined)).toBe(true);
    expect(raw.some((o) => o._SYSTEMD_UNIT === 'init.scope' && o.UNIT === 'jellyfin.service' && o._PID === '1')).toBe(true);
  });

  it('after a failure, the lines that explain it: the crash, PID 1 and the restarts', async () => {
    await post(lab, '/vm/unit', { unit: 'jellyfin.service', action: 'fail' });
    const { entries } = await page({ lines: 10, priority: 'notice' });
    const text = entries.map((e) => e.message).join('\n');
    expect(text).toMatch(/\[FTL\] \[1\] Main: Error while starting server\nSystem\.IO\.IOException/);
    expect(text).toContain('jellyfin.service: Main process exited, code=exited, status=1/FAILURE');
    expect(entries.find((e) => e.message.includes('Error while starting')).priority).toBe(2);
    expect((await page({ lines: 50, grep: "Failed with result '(exit|signal)-code'\\.$" })).entries.every((e) => e.pid === 1)).toBe(true);
    await post(lab, '/reset', {});
  });

  it('filters by boot and pages back by cursor without repeating', async () => {
    const prev = await page({ boot: '-1', lines: 5000 });
    const cur = await page({ boot: '0', lines: 5000 });
    expect(prev.entries.length).toBeGreaterThan(0);
    expect(new Set(prev.entries.map((e) => e.bootId))).not.toEqual(new Set(cur.entries.map((e) => e.bootId)));
    const last = await page({ lines: 4 });
    const older = await page({ lines: 4, before: last.entries[0].cursor });
    const all = (await page({ lines: 5000 })).entries;
    expect([...older.entries, ...last.entries]).toEqual(all.slice(-8));
  });

  it('a pattern that matches nothing is an empty answer; a bad one is an error', async () => {
    expect((await page({ grep: 'no such words anywhere' })).entries).toEqual([]);
    const q = parseJournalQuery({ unit: 'jellyfin.service', grep: '(' });
    const r = await orb(lab, journalArgv(q.query));
    expect(journalError(r.code, r.stderr)).toMatch(/^Bad pattern/);
  });

  it('follows: a line written in the lab arrives, and resumes after a cursor', async () => {
    const child = follow(lab, journalFollowArgv('jellyfin.service'));
    const split = new LineSplitter();
    const got = [];
    child.stdout.on('data', (b) => got.push(...split.push(b).map(parseJournalLine)));
    try {
      // The follower prints nothing of the past (-n 0); write until it is listening and sees one.
      let n = 0;
      const seen = await until(async () => {
        await post(lab, '/vm/journal', { unit: 'jellyfin.service', message: `live line ${++n}`, priority: 3 });
        return got.find((e) => e?.message.startsWith('live line'));
      }, { what: 'the followed line' });
      expect(seen).toMatchObject({ priority: 3, unit: 'jellyfin.service' });
      await post(lab, '/vm/journal', { unit: 'jellyfin.service', message: 'after the cursor' });
      await until(() => got.find((e) => e?.message === 'after the cursor'), { what: 'the second followed line' });
      // Resuming (the follow argv without -f) replays exactly what came after the cursor.
      const resumed = await orb(lab, journalFollowArgv('jellyfin.service', seen.cursor).filter((a) => a !== '-f'));
      const all = (await page({ lines: 5000 })).entries;
      const after = all.slice(all.findIndex((e) => e.cursor === seen.cursor) + 1);
      expect(parseJournalOutput(resumed.stdout).entries).toEqual(after);
      expect(after.at(-1).message).toBe('after the cursor');
    } finally {
      process.kill(child.pid, 'SIGTERM');
    }
  });
});

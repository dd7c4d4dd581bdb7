import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processStartTime } from '../process-group';
import { cancelJob, getJob } from './control';
import { formatLine, logDir, logPathFor } from './log-file';
import { recoverJobs } from './recover';
import { startJob } from './runner';
import { insertJob, saveProgress } from './store';
import { alive, endOf, settings, testKind, until, useTempDataDir } from './test-helpers';
import type { JobRecord } from './types';

const dir = useTempDataDir();
const sleeper = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
afterAll(() => {
  try {
    process.kill(-sleeper.pid!, 'SIGKILL');
  } catch {
    /* ended by the test */
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 0, 1, 12);
function leftBehind(id: string, lock: string, lines: string[]): JobRecord {
  const job: JobRecord = {
    id, kind: 'test', target: lock, mode: 'run', lock, client: '10.0.0.2', startedAt: T0, endedAt: null, exitCode: null,
    outcome: 'running', durationMs: null, summary: null, progress: { steps: 2 }, detail: null, truncated: false,
  };
  fs.mkdirSync(logDir(), { recursive: true });
  fs.writeFileSync(logPathFor(id), lines.map((t, i) => formatLine(T0 + (i + 1) * 1000, t)).join(''));
  return job;
}

describe('at start-up, jobs an earlier server process left', () => {
  it('an orphan (same pid, same start time) holds its lock, can be cancelled, and ends cancelled; the others were interrupted at their last line', async () => {
    const startTime = (await processStartTime(sleeper.pid!))!;
    const orphan = leftBehind('aaaaaaaa-00000001', 'box', ['[dashboard] $ sleep 60', 'step 1', 'step 2']);
    insertJob(orphan, logPathFor(orphan.id), { pid: sleeper.pid!, startTime });
    saveProgress(orphan);
    const dead = leftBehind('aaaaaaaa-00000002', 'other', ['[dashboard] $ nixos-rebuild switch', 'step 1', 'step 2', 'step 3']);
    insertJob(dead, logPathFor(dead.id), { pid: sleeper.pid!, startTime: `${startTime}9` });
    saveProgress(dead);

    await recoverJobs([testKind]);
    expect(await getJob(dead.id)).toMatchObject({ outcome: 'interrupted', endedAt: T0 + 4000, durationMs: 4000, progress: { steps: 2 } });
    const o = (await getJob(orphan.id))!;
    expect(o.outcome).toBe('orphaned');
    expect(o.summary).toMatch(/earlier dashboard process.*pid \d+/);
    expect(fs.readFileSync(logPathFor(orphan.id), 'utf8')).toContain(`[dashboard] found again after a restart: pid ${sleeper.pid} is still running`);

    const busy = await startJob(testKind, { script: 'process.exit(0)', lock: 'box' }, 'x', settings());
    expect(busy).toMatchObject({ status: 'busy', id: orphan.id });
    expect((busy as { message: string }).message).toMatch(/before the dashboard last restarted/);

    expect(await cancelJob(orphan.id)).toBe('cancelling');
    const done = await endOf(orphan.id);
    expect(done).toMatchObject({ outcome: 'cancelled', exitCode: null });
    await until(() => alive(sleeper.pid!), (a) => !a);
    const log = fs.readFileSync(logPathFor(orphan.id), 'utf8').trimEnd().split('\n');
    expect(log.at(-1)).toContain('[dashboard] the orphaned process has ended: cancelled');
    expect(path.basename(logPathFor(orphan.id))).toBe(`${orphan.id}.log`);

    const next = await startJob(testKind, { script: 'process.exit(0)', lock: 'box' }, 'x', settings());
    expect(next.status).toBe('started');
    expect((await endOf((next as { id: string }).id)).outcome).toBe('succeeded');
  });
});

import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, endOf, ended, settings, testKind, until, useTempDataDir } from './test-helpers';
import { cancelJob, getJob } from './control';
import { logPathFor } from './log-file';
import { startJob } from './runner';
import { getStoredJob } from './store';

const dir = useTempDataDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const started = async (script: string, lock = 'box', over = {}) => {
  const r = await startJob(testKind, { script, lock }, '127.0.0.1', settings(over));
  if (r.status !== 'started') throw new Error(JSON.stringify(r));
  return r.id;
};
// A script that waits to be stopped; SIGTERM ends it with 143, as most commands do.
const waits = "process.on('SIGTERM', () => process.exit(143)); console.log('step 1'); setInterval(() => {}, 1000);";

describe('a job', () => {
  it('runs its argv, logs its lines as they come, and the kind judges its real exit code', async () => {
    const id = await started("console.log('step 1'); console.log('error: disk on fire'); console.log('step 2'); process.exit(3)");
    const job = await endOf(id);
    expect(job).toMatchObject({ kind: 'test', target: 'box', lock: 'box', outcome: 'failed', exitCode: 3, progress: { steps: 2 }, client: '127.0.0.1' });
    expect(job.summary).toBe('exit code 3\nerror: disk on fire');
    expect(getStoredJob(id)).toMatchObject({ outcome: 'failed', exitCode: 3, progress: { steps: 2 } });
    const log = fs.readFileSync(logPathFor(id), 'utf8');
    expect(log).toMatch(/^\S+Z \[dashboard\] \$ \S*node -e /);
    expect(log).toMatch(/Z step 1\n.*Z error: disk on fire\n.*Z step 2\n.*Z \[dashboard\] finished: failed \(exit code 3\) after/);
    expect(ended.map((j) => j.id)).toContain(id);
  });

  it('keeps kind-specific results in detail', async () => {
    const job = await endOf(await started('process.exit(0)'));
    expect(job).toMatchObject({ outcome: 'succeeded', detail: { freed: 42 } });
    expect(getStoredJob(job.id)!.detail).toEqual({ freed: 42 });
  });

  it('runs one at a time per lock: concurrent starts make one job, another lock runs beside it', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => startJob(testKind, { script: waits }, 'x', settings())));
    const ok = answers.filter((a) => a.status === 'started');
    expect(ok).toHaveLength(1);
    const id = (ok[0] as { id: string }).id;
    for (const a of answers.filter((x) => x.status !== 'started')) expect(a).toMatchObject({ status: 'busy', id });
    const other = await started(waits, 'other-box');
    expect((await getJob(other))!.outcome).toBe('running');
    expect(await cancelJob(id)).toBe('cancelling');
    expect(await cancelJob(other)).toBe('cancelling');
    expect((await endOf(id)).outcome).toBe('cancelled');
    expect((await endOf(other)).outcome).toBe('cancelled');
    expect(await cancelJob(id)).toBe('not-running');
  });

  it('cancel stops the whole process group, grandchildren too', async () => {
    const script = "const c = require('child_process').spawn('sleep', ['30'], { stdio: 'ignore' }); console.log('child ' + c.pid); setInterval(() => {}, 1000);";
    const id = await started(script);
    const pid = await until(() => fs.readFileSync(logPathFor(id), 'utf8').match(/child (\d+)/)?.[1], Boolean);
    await cancelJob(id);
    const job = await endOf(id);
    expect(job.outcome).toBe('cancelled');
    expect(fs.readFileSync(logPathFor(id), 'utf8')).toContain('[dashboard] cancel requested: sending SIGTERM to the process group');
    await until(() => alive(Number(pid)), (a) => !a);
  });

  it('times out with the setting named, and a command that cannot start failed', async () => {
    const t = await endOf(await started(waits, 'box', { timeoutMs: 300 }));
    expect(t).toMatchObject({ outcome: 'timed-out', summary: expect.stringContaining('(test.timeoutMs)') });
    const r = await startJob({ ...testKind, argv: () => ['/nonexistent/command'] }, { script: '' }, 'x', settings());
    const f = await endOf((r as { id: string }).id);
    expect(f).toMatchObject({ outcome: 'failed', exitCode: null, summary: expect.stringContaining('ENOENT') });
  });

  it('caps its log on disk and says so, and still reports the result', async () => {
    const id = await started("for (let i = 0; i < 3000; i++) console.log('line ' + i + ' ' + 'x'.repeat(60)); process.exit(0)", 'box', { logCapBytes: 16 * 1024 });
    const job = await endOf(id);
    expect(job).toMatchObject({ outcome: 'succeeded', truncated: true });
    const text = fs.readFileSync(logPathFor(id), 'utf8');
    expect(text.length).toBeLessThan(16 * 1024 + 1024);
    expect(text).toContain('[dashboard] log truncated: output beyond test.logCapBytes (16384 bytes)');
    expect(text.trimEnd().split('\n').at(-1)).toContain('finished: succeeded');
  });

  it('stores its progress while it runs, so a crash keeps how far it got', async () => {
    const id = await started("process.on('SIGTERM', () => process.exit(143)); for (let i = 0; i < 3; i++) console.log('step ' + i); setInterval(() => {}, 1000);");
    await until(() => getStoredJob(id)?.progress, (p) => (p as { steps: number } | undefined)?.steps === 3, 5000);
    await cancelJob(id);
    await endOf(id);
  });
});

describe('the busy check where the job would run', () => {
  const node = (code: string) => [process.execPath, '-e', code];
  it('refuses when it finds something running, and names it', async () => {
    const r = await startJob(testKind, { script: waits, check: node("console.log('4242 test-job --all'); process.exit(0)") }, 'x', settings());
    expect(r).toMatchObject({ status: 'busy', id: null });
    expect((r as { message: string }).message).toMatch(/^a test job is already running in the box \(4242 test-job --all\)/);
  });
  it('starts when it finds nothing, and notes in the log when it cannot tell', async () => {
    const free = await started(`process.exit(0)`, 'free');
    await endOf(free);
    const r = await startJob(testKind, { script: 'process.exit(0)', check: node("console.error('pgrep: not found'); process.exit(127)") }, 'x', settings());
    const job = await endOf((r as { id: string }).id);
    expect(job.outcome).toBe('succeeded');
    expect(fs.readFileSync(logPathFor(job.id), 'utf8')).toMatch(/\[dashboard\] could not check in the box for a running a test job: the check exited with code 127: pgrep: not found/);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobKind, JobSettings } from './kind';
import { findJob, subscribeJob } from './control';
import type { JobRecord } from './types';

/** A data folder of its own for a test file's store and logs. */
export function useTempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobs-test-'));
  process.env.DASHBOARD_DATA_DIR = dir;
  return dir;
}

export interface TestParams {
  /** A node script: the job's command is `node -e <script>`. */
  script: string;
  lock?: string;
  check?: string[];
}

export const ended: JobRecord[] = [];

/** A small job kind for the runner's tests: counts "step" lines, fails on anything but exit 0. */
export const testKind: JobKind<TestParams, { steps: number }, { freed: number }> = {
  kind: 'test',
  argv: ({ script }) => [process.execPath, '-e', script],
  subject: ({ lock = 'box' }) => ({ target: lock, mode: 'run', lock }),
  busyCheck: ({ check }) => (check ? { argv: check, where: 'in the box', what: 'a test job' } : null),
  initialProgress: () => ({ steps: 0 }),
  parseLine: (p, line) => (line.startsWith('step') ? (p.steps += 1) > 0 : false),
  isErrorLine: (line) => line.startsWith('error'),
  decide: ({ code, errorLines }) => (code === 0 ? { outcome: 'succeeded', summary: null, detail: { freed: 42 } } : { outcome: 'failed', summary: [`exit code ${code}`, ...errorLines].join('\n') }),
  onEnd: (job) => void ended.push(job),
};

export const settings = (over: Partial<JobSettings> = {}): JobSettings => ({
  timeoutMs: 20_000, logCapBytes: 1024 * 1024, env: process.env, checkTimeoutMs: 5000, configKey: 'test', ...over,
});

/** Resolves with the job once it has ended. */
export function endOf(id: string): Promise<JobRecord> {
  return new Promise((resolve) => {
    const off = subscribeJob(id, (e) => {
      if (e.type !== 'end') return;
      off?.();
      resolve(e.job);
    });
    if (!off) resolve(findJob(id)!);
  });
}

/** Poll until `check` holds (a state, never a fixed sleep), for at most `ms`. */
export async function until<T>(read: () => T | Promise<T>, check: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > end) throw new Error(`not reached within ${ms} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

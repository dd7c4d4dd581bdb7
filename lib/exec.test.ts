import { describe, expect, it } from 'vitest';
import { describeFailure, run } from './exec';

const node = process.execPath;
const js = (code: string) => ['-e', code];

describe('run', () => {
  it('gives the exit code and both streams', async () => {
    const r = await run(node, js('process.stdout.write("out"); process.stderr.write("err"); process.exit(3)'), { timeoutMs: 20_000 });
    expect(r).toMatchObject({ code: 3, signal: null, stdout: 'out', stderr: 'err', timedOut: false, truncated: false });
  });

  it('passes arguments as they are, never through a shell', async () => {
    const r = await run(node, [...js('process.stdout.write(process.argv[1])'), '$(echo hi); rm -rf /'], { timeoutMs: 20_000 });
    expect(r.stdout).toBe('$(echo hi); rm -rf /');
  });

  it('says a missing program is missing', async () => {
    const r = await run('/nonexistent/orb', [], { timeoutMs: 1000 });
    expect(r).toMatchObject({ code: null, spawnError: 'ENOENT' });
    expect(describeFailure('orb', r, 1000)).toBe('orb was not found');
  });

  it('kills a program that does not finish in time, with its children', async () => {
    const r = await run('/bin/sh', ['-c', 'sleep 30 & echo $!; sleep 30'], { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.code).toBeNull();
    const grandchild = Number(r.stdout.trim());
    const alive = () => {
      try {
        process.kill(grandchild, 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(alive, { timeout: 10_000 }).toBe(false);
    expect(describeFailure('orb status', r, 300)).toBe('orb status did not answer within 0.3 s');
  });

  it('cuts output at the cap and stops the program', async () => {
    const r = await run(node, js('setInterval(() => process.stdout.write("x".repeat(4096)), 1)'), { timeoutMs: 20_000, maxBytes: 10_000 });
    expect(r.truncated).toBe(true);
    expect(r.stdout.length).toBe(10_000);
    expect(r.timedOut).toBe(false);
  });

  it('stops when its signal is aborted', async () => {
    const ctl = new AbortController();
    const p = run(node, js('process.stdout.write("started"); setInterval(() => {}, 1000)'), { timeoutMs: 20_000, signal: ctl.signal });
    setImmediate(() => ctl.abort());
    const r = await p;
    expect(r.signal).toBe('SIGTERM');
    expect(r.timedOut).toBe(false);
  });
});

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PID_FILE, runningServer } from './server-lock.mjs';

const dirs: string[] = [];
function dir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'server-lock-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const write = (d: string, pid: number, startedAt: string) => fs.writeFileSync(path.join(d, PID_FILE), JSON.stringify({ pid, startedAt }));

// A real process holding the file the way the server does (Next exits with 143 on SIGTERM).
const holder = `import { holdPidFile } from ${JSON.stringify(path.resolve('lib/server-lock.mjs'))};
process.on('SIGTERM', () => process.exit(143));
holdPidFile(process.argv[1]); console.log('held'); setInterval(() => {}, 1000);`;

describe('the server pid file', () => {
  it('names a live holder, and is gone once it exits', async () => {
    const d = dir();
    const child = spawn(process.execPath, ['--input-type=module', '-e', holder, d], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((r) => child.stdout.once('data', r));
    expect(runningServer(d)?.pid).toBe(child.pid);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(fs.existsSync(path.join(d, PID_FILE))).toBe(false);
    expect(runningServer(d)).toBeNull();
  });

  it('does not count a file left by a crash: the process is gone', () => {
    const d = dir();
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    write(d, Number(gone.stdout.trim()), new Date().toISOString());
    expect(runningServer(d)).toBeNull();
  });

  it('does not count a pid that now belongs to a process started after the file was written', () => {
    const d = dir();
    write(d, process.pid, '2001-01-01T00:00:00.000Z');
    expect(runningServer(d)).toBeNull();
    write(d, process.pid, new Date(Date.now() + 1000).toISOString());
    expect(runningServer(d)?.pid).toBe(process.pid);
  });

  it('reads no server from a missing or garbled file', () => {
    const d = dir();
    expect(runningServer(d)).toBeNull();
    fs.writeFileSync(path.join(d, PID_FILE), 'not json');
    expect(runningServer(d)).toBeNull();
  });
});

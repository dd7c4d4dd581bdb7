import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isSameProcess, killGroup, processStartTime } from './process-group';

describe('finding a process again', () => {
  it('knows a live process by pid and start time, and not once it is gone', async () => {
    const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    const startTime = await processStartTime(child.pid!);
    expect(startTime).toBeTruthy();
    expect(await isSameProcess({ pid: child.pid!, startTime: startTime! })).toBe(true);
    // Same pid, another start time: a pid given to some other process is not ours.
    expect(await isSameProcess({ pid: child.pid!, startTime: `${startTime}0` })).toBe(false);
    const exited = new Promise((r) => child.once('exit', r));
    killGroup(child.pid, 'SIGKILL');
    await exited;
    expect(await isSameProcess({ pid: child.pid!, startTime: startTime! })).toBe(false);
    expect(await processStartTime(-1)).toBeNull();
  });
});

import { execFile } from 'node:child_process';
import fs from 'node:fs';

/**
 * Signal a whole process group (a child spawned with detached: true leads its own), so whatever
 * the command started goes too. Falls back to the one process when the group is gone.
 */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* gone already */
    }
  }
}

/** What finds a process again after a restart: its pid alone may have been given to another by then. */
export interface ProcessIdentity {
  pid: number;
  /** Linux: /proc/<pid>/stat starttime (clock ticks since boot); macOS: `ps -o lstart=`. */
  startTime: string;
}

function linuxStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Counted from the end of the command name (field 2), which may hold spaces and parentheses:
    // field 3 is the state (a zombie has ended), field 22 the start time.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? null : (fields[19] ?? null);
  } catch {
    return null;
  }
}

function psStartTime(pid: number): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'lstart=', '-p', String(pid)], { timeout: 5000 }, (err, stdout) => {
      const t = String(stdout ?? '').trim();
      resolve(err || !t ? null : t);
    });
  });
}

/** When the process started, in the system's own terms; null when there is no such process. */
export async function processStartTime(pid: number): Promise<string | null> {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (process.platform === 'linux') return linuxStartTime(pid);
  return psStartTime(pid);
}

/** Whether this is still the same process: the pid is alive and started when it did. */
export async function isSameProcess(p: ProcessIdentity): Promise<boolean> {
  const now = await processStartTime(p.pid);
  return now !== null && now === p.startTime;
}

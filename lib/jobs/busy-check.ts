import { describeFailure, run } from '../exec';
import type { BusyCheck } from './kind';

export type BusyAnswer = { busy: true; message: string } | { busy: false; note: string | null };

/**
 * Ask where the job would run whether something like it is already going there. Exit 0 means
 * yes (pgrep found a process); exit 1 with nothing on stderr means no. Any other answer cannot
 * tell, and the start goes ahead with a note in its log: the command itself then reports.
 */
export async function checkNotBusy(check: BusyCheck, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<BusyAnswer> {
  const r = await run(check.argv[0], check.argv.slice(1), { timeoutMs, maxBytes: 64 * 1024, env });
  if (r.code === 0) {
    const found = r.stdout.trim().split('\n').filter(Boolean).slice(0, 3).map((l) => l.slice(0, 160));
    return {
      busy: true,
      message: `${check.what} is already running ${check.where} (${found.join('; ') || 'found by pgrep'}), not started by this dashboard process or left behind by a cancelled one; wait for it to end, then start again`,
    };
  }
  if (r.code === 1 && !r.stderr.trim()) return { busy: false, note: null };
  return { busy: false, note: `[dashboard] could not check ${check.where} for a running ${check.what}: ${describeFailure('the check', r, timeoutMs)}` };
}

/** The pgrep pattern for these command names, written so it never matches its own command line. */
export function pgrepPattern(names: string[]): string {
  return names.map((n) => `[${n[0]}]${n.slice(1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).join('|');
}

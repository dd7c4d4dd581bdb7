import { run, type RunResult } from '../exec';

// Git on the Mac, against the flake checkout: argv arrays, a timeout, and an environment in
// which nothing the dashboard inherited can point git at another repository.

export const GIT_TIMEOUT_MS = 5000;

/** The caller's environment without GIT_* (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_CONFIG_*…). */
export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const k of Object.keys(env)) if (k.toUpperCase().startsWith('GIT_')) delete env[k];
  // Never prompt, never take the index lock from under the owner's own git, messages in English.
  return Object.assign(env, { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' });
}

/** git's arguments for a read in `dir`; no repository hook or fsmonitor command runs. */
export function gitArgv(dir: string, args: readonly string[]): string[] {
  return ['-C', dir, '-c', 'core.fsmonitor=false', '--no-pager', ...args];
}

export interface GitOptions {
  bin?: string;
  timeoutMs?: number;
}

export function runGit(dir: string, args: readonly string[], opts: GitOptions = {}): Promise<RunResult> {
  return run(opts.bin ?? 'git', gitArgv(dir, args), { timeoutMs: opts.timeoutMs ?? GIT_TIMEOUT_MS, maxBytes: 256 * 1024, env: gitEnv() });
}

/** git's way of saying the folder is not inside a checkout. */
export const notARepoRe = /not a git repository/i;

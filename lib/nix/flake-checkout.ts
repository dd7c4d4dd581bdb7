import fs from 'node:fs/promises';
import path from 'node:path';
import { describeFailure } from '../exec';
import { GIT_TIMEOUT_MS, notARepoRe, runGit, type GitOptions } from './git-run';
import { cleanText } from './text';

// The flake's git checkout on the Mac: its HEAD and whether the tree has uncommitted changes.

export interface FlakeHead {
  rev: string;
  short: string;
  subject: string;
  /** Committer time, ms since the epoch. */
  committedAt: number;
}

export type CheckoutState = 'ok' | 'no-commits' | 'not-a-checkout' | 'missing' | 'error';

export interface FlakeCheckout {
  dir: string;
  state: CheckoutState;
  head: FlakeHead | null;
  /** Tracked files with changes, staged or not: what makes Nix call the tree dirty. */
  changedFiles: number | null;
  /** Files git does not track (a git flake leaves them out of the build). */
  untrackedFiles: number | null;
  dirty: boolean | null;
  problem?: string;
}

const SEP = '\x1f';

function parseHead(stdout: string): FlakeHead | null {
  const [rev, time, ...subject] = stdout.replace(/\n$/, '').split(SEP);
  if (!/^[0-9a-f]{40,64}$/.test(rev ?? '') || !/^\d+$/.test(time ?? '')) return null;
  return { rev, short: rev.slice(0, 7), subject: cleanText(subject.join(SEP), 200), committedAt: Number(time) * 1000 };
}

/** `git status --porcelain=v1` lines: "?? path" untracked, anything else a tracked change. */
export function countStatus(stdout: string): { changed: number; untracked: number } {
  const lines = stdout.split('\n').filter((l) => l.length > 3);
  const untracked = lines.filter((l) => l.startsWith('?? ')).length;
  return { changed: lines.length - untracked, untracked };
}

async function folderProblem(dir: string): Promise<string | null> {
  if (!path.isAbsolute(dir)) return `${dir} is not an absolute path`;
  try {
    return (await fs.stat(dir)).isDirectory() ? null : `${dir} is not a folder`;
  } catch {
    return `${dir} does not exist`;
  }
}

const empty = (dir: string, state: CheckoutState, problem?: string): FlakeCheckout => ({ dir, state, head: null, changedFiles: null, untrackedFiles: null, dirty: null, problem });

/** Read the checkout; every failure is a state with words, never a throw. */
export async function readFlakeCheckout(dir: string, opts: GitOptions = {}): Promise<FlakeCheckout> {
  const missing = await folderProblem(dir);
  if (missing) return empty(dir, 'missing', missing);
  const [log, status] = await Promise.all([
    runGit(dir, ['log', '-1', `--format=%H${SEP}%ct${SEP}%s`], opts),
    runGit(dir, ['status', '--porcelain=v1', '--untracked-files=normal'], opts),
  ]);
  const stderr = log.stderr + status.stderr;
  if (notARepoRe.test(stderr)) return empty(dir, 'not-a-checkout', `${dir} is not a git checkout`);
  if (status.code !== 0) return empty(dir, 'error', describeFailure('git status', status, opts.timeoutMs ?? GIT_TIMEOUT_MS));
  const { changed, untracked } = countStatus(status.stdout);
  const counts = { changedFiles: changed, untrackedFiles: untracked, dirty: changed > 0 };
  if (log.code !== 0 && /does not have any commits yet/.test(log.stderr)) return { ...empty(dir, 'no-commits', 'the checkout has no commits yet'), ...counts };
  const head = log.code === 0 ? parseHead(log.stdout) : null;
  if (!head) return { ...empty(dir, 'error', describeFailure('git log', log, opts.timeoutMs ?? GIT_TIMEOUT_MS)), ...counts };
  return { dir, state: 'ok', head, ...counts };
}

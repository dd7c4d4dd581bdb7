import { describeFailure } from '../exec';
import { notARepoRe, runGit, type GitOptions } from './git-run';

// A configurationRevision as Nix writes it: `self.rev` (a commit hash) or `self.dirtyRev`
// (the hash of HEAD with "-dirty" when the tree had uncommitted changes; reference/nixos.md §11).

export interface ParsedRevision {
  /** Lower-case hex, as given (full or abbreviated). */
  rev: string;
  short: string;
  /** Built from a tree with uncommitted changes. */
  dirty: boolean;
}

const hexRe = /^[0-9a-f]{7,64}$/;

/** A revision to trust as a git argument, or null (empty, unknown words, anything not hex). */
export function parseRevision(raw: string | null | undefined): ParsedRevision | null {
  const s = (raw ?? '').trim().toLowerCase();
  const dirty = s.endsWith('-dirty');
  const rev = dirty ? s.slice(0, -'-dirty'.length) : s;
  if (!hexRe.test(rev)) return null;
  return { rev, short: rev.slice(0, 7), dirty };
}

export type DeployedComparison =
  | { state: 'ok'; deployed: ParsedRevision; notDeployed: number; notInHead: number }
  | { state: 'no-revision' | 'unknown-revision' | 'not-a-checkout' | 'error'; deployed: ParsedRevision | null; problem: string };

/**
 * How far the checkout's HEAD is from the deployed revision: commits on HEAD that the running
 * system does not have ("3 commits not deployed"), and the other way round (deployed from
 * elsewhere). A dirty revision is compared by the commit it was made on.
 */
export async function compareWithHead(dir: string, configurationRevision: string | null | undefined, opts: GitOptions = {}): Promise<DeployedComparison> {
  const deployed = parseRevision(configurationRevision);
  if (!deployed) {
    const problem = configurationRevision?.trim() ? 'the deployed configurationRevision is not a commit hash' : 'the running system does not say which commit it was built from';
    return { state: 'no-revision', deployed: null, problem };
  }
  const r = await runGit(dir, ['rev-list', '--left-right', '--count', `${deployed.rev}...HEAD`], opts);
  const m = r.code === 0 ? r.stdout.trim().match(/^(\d+)\s+(\d+)$/) : null;
  if (m) return { state: 'ok', deployed, notInHead: Number(m[1]), notDeployed: Number(m[2]) };
  if (notARepoRe.test(r.stderr)) return { state: 'not-a-checkout', deployed, problem: `${dir} is not a git checkout` };
  if (r.code !== null && /unknown revision|bad revision|ambiguous argument|invalid symmetric difference/i.test(r.stderr)) {
    return { state: 'unknown-revision', deployed, problem: `commit ${deployed.short} is not in the checkout (not fetched, or rewritten)` };
  }
  return { state: 'error', deployed, problem: describeFailure('git rev-list', r, opts.timeoutMs ?? 5000) };
}

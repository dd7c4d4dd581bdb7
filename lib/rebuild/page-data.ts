import { cookies } from 'next/headers';
import { adminPassword, SESSION_COOKIE, verifySessionValue } from '../auth';
import type { Config } from '../config-schema';
import { currentRun, listRuns } from './runs';
import type { RebuildMode, RebuildRun } from './types';
import { buildArgv, listTargets, modeArgs, type RebuildTarget } from './targets';

export interface PanelTarget {
  id: string;
  name: string;
  flake: string | null;
  /** The exact argv each mode would run, for the confirm dialog; null when the target cannot run. */
  commands: Record<RebuildMode, string> | null;
  problem?: string;
}

export interface RebuildPanelData {
  targets: PanelTarget[];
  /** Why nobody can rebuild (no admin password); null when sign-in is possible. */
  disabledReason: string | null;
  signedIn: boolean;
  /** A job that may still be running; orphaned when an earlier server process left it. */
  current: { id: string; orphaned: boolean } | null;
  last: Pick<RebuildRun, 'id' | 'outcome' | 'mode' | 'target' | 'endedAt'> | null;
  /** Only in the demo, and only when the password came from the environment the demo sets. */
  demoPassword: string | null;
}

/** Whether this page request comes from a signed-in admin (who may see client addresses). */
export async function isSignedIn(): Promise<boolean> {
  return verifySessionValue((await cookies()).get(SESSION_COOKIE)?.value);
}

/** What the status page's Rebuild control needs, computed on the server; no secret leaves it but the demo's. */
export async function rebuildPanelData(config: Config): Promise<RebuildPanelData> {
  const admin = adminPassword();
  let targets: PanelTarget[] = [];
  try {
    targets = listTargets(config).map((t) => ({ id: t.id, name: t.name, flake: t.flake, problem: t.problem, commands: commandsFor(t) }));
  } catch {
    targets = [];
  }
  const current = await currentRun();
  return {
    targets,
    disabledReason: admin.password === null ? admin.reason : null,
    signedIn: await isSignedIn(),
    current: current && { id: current.id, orphaned: current.outcome === 'orphaned' },
    last: await lastFinished(),
    // Only the demo's own well-known password is ever shown; a real one set in the shell is not.
    demoPassword: process.env.DASHBOARD_DEMO === '1' && admin.password === DEMO_PASSWORD ? admin.password : null,
  };
}

const modes = Object.keys(modeArgs) as RebuildMode[];

/** Built by the same function the runner uses, so the dialog shows what really runs. */
function commandsFor(t: RebuildTarget): Record<RebuildMode, string> | null {
  if (!t.prefix || !t.flake) return null;
  return Object.fromEntries(modes.map((m) => [m, buildArgv(t, m).join(' ')])) as Record<RebuildMode, string>;
}

const DEMO_PASSWORD = 'demo-password';

async function lastFinished(): Promise<RebuildPanelData['last']> {
  const r = (await listRuns(false, 5)).find((x) => x.outcome !== 'running' && x.outcome !== 'orphaned');
  return r ? { id: r.id, outcome: r.outcome, mode: r.mode, target: r.target, endedAt: r.endedAt } : null;
}

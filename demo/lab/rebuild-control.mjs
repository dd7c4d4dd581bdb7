import fs from 'node:fs';
import path from 'node:path';
import { readReleases, rebuildScenarios } from '../vm-bin/rebuild-state.mjs';
import { writeAtomic } from './orb-state.mjs';
import { listProcesses, readOverlaps } from '../vm-bin/vm-procs.mjs';

// The control API's rebuild routes: what the fake nixos-rebuild does next, releasing a run held
// at a point, and a look at the simulated VM's processes.

const file = (stateDir, name) => path.join(stateDir, name);

function readHeld(stateDir) {
  try {
    return JSON.parse(fs.readFileSync(file(stateDir, 'rebuild.held'), 'utf8'));
  } catch {
    return null;
  }
}

/** Answer a /rebuild* or /orb-exec request; null when the path is not one of them. */
export function rebuildControl(stateDir, method, pathname, body) {
  if (method === 'GET' && pathname === '/rebuild') {
    return [200, { held: readHeld(stateDir), releases: readReleases(stateDir), processes: listProcesses(stateDir), overlaps: readOverlaps(stateDir) }];
  }
  if (method !== 'POST') return null;
  if (pathname === '/rebuild') {
    if (!rebuildScenarios.includes(body.scenario)) return [400, { error: `scenario must be one of ${rebuildScenarios.join(', ')}` }];
    const speed = Number(body.speed ?? 1);
    if (!(speed > 0 && speed <= 100)) return [400, { error: 'speed must be a number in (0, 100]' }];
    const holds = Array.isArray(body.holds) ? body.holds.filter((h) => typeof h === 'string').slice(0, 20) : undefined;
    writeAtomic(file(stateDir, 'rebuild.json'), JSON.stringify({ scenario: body.scenario, speed, bytes: Number(body.bytes) || undefined, lines: Number(body.lines) || undefined, holds }));
    fs.writeFileSync(file(stateDir, 'rebuild.releases'), '0');
    return [200, { ok: true }];
  }
  if (pathname === '/rebuild/release') {
    fs.writeFileSync(file(stateDir, 'rebuild.releases'), String(readReleases(stateDir) + 1));
    return [200, { ok: true, releases: readReleases(stateDir) }];
  }
  if (pathname === '/rebuild/kill') return [200, { killed: killVmProcesses(stateDir) }];
  if (pathname === '/orb-exec') {
    // detached: a command run through `orb -m` keeps running when the orb client is killed,
    // which the real orb may do (reference/verify-on-the-mac.md).
    if (body.detached) fs.writeFileSync(file(stateDir, 'orb.detach'), '');
    else fs.rmSync(file(stateDir, 'orb.detach'), { force: true });
    return [200, { ok: true }];
  }
  return null;
}

/** SIGKILL every process of the simulated VM: what a reboot of the VM would do. */
export function killVmProcesses(stateDir) {
  const pids = listProcesses(stateDir).map((p) => p.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone already */
    }
  }
  return pids;
}

/** The fake nixos-rebuild's default: build several derivations at normal speed, from generation 43. */
export function resetRebuild(stateDir) {
  killVmProcesses(stateDir);
  for (const f of ['rebuild.json', 'generations.json', 'rebuild.releases', 'rebuild.held', 'rebuild-overlaps', 'orb.detach']) fs.rmSync(file(stateDir, f), { force: true });
}

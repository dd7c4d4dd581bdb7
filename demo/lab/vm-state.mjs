import fs from 'node:fs';
import path from 'node:path';
import { appendJournal } from './vm-journal.mjs';
import { pid1Lines, UNIT_CATALOG } from './vm-lines.mjs';

// The simulated VM's units, in units.json of the state folder. The lab's control API and the
// fake systemctl both change them; the lab follows the file to open or close each simulator.

export const UNITS_FILE = 'units.json';
/** How often a failed unit is restarted, and how many times before systemd gives up. */
export const RESTART_EVERY_MS = 2000;
export const START_LIMIT = 5;

const writeAtomic = (file, text) => {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
};

function newUnit(name, now, extra = {}) {
  return {
    description: UNIT_CATALOG[name]?.description ?? name,
    activeState: 'active', subState: 'running', result: 'success', nRestarts: 0,
    activeEnterMs: now - 2 * 86_400_000, stateChangeMs: now - 2 * 86_400_000,
    mainPid: 800 + Object.keys(UNIT_CATALOG).indexOf(name) * 37, memoryBytes: 150_000_000 + name.length * 9_000_000,
    execMainCode: 0, execMainStatus: 0, unitFileState: 'enabled',
    ports: [], bind: '0.0.0.0', broken: false, restartsLeft: 0, nextRestartMs: null,
    ...extra,
  };
}

/** The units of a fresh VM; `ports` maps unit names to the port their simulator listens on. */
export function initialUnits({ ports = {}, now = Date.now() } = {}) {
  const units = {};
  for (const name of Object.keys(UNIT_CATALOG)) units[name] = newUnit(name, now, { ports: ports[name] ? [ports[name]] : [] });
  units['caddy.service'].ports = [80, 443];
  units['nix-daemon.service'].memoryBytes = 9_400_000;
  units['sshd.service'] = newUnit('sshd.service', now, { description: 'SSH Daemon', ports: [22], bind: '*', memoryBytes: 5_300_000 });
  return { units, jsonOutput: true };
}

export function readUnits(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, UNITS_FILE), 'utf8'));
  } catch {
    return initialUnits();
  }
}

export function writeUnits(dir, state) {
  writeAtomic(path.join(dir, UNITS_FILE), JSON.stringify(state, null, 1));
}

/** Read, change, write. `fn` returns what the caller gets back. */
export function updateUnits(dir, fn) {
  const state = readUnits(dir);
  const out = fn(state);
  writeUnits(dir, state);
  return out;
}

/** From the Mac: a unit's simulator answers only while it is active and bound to every interface. */
export const unitReachable = (u) => Boolean(u) && u.activeState === 'active' && u.bind !== '127.0.0.1';

const say = (dir, name, lines, now) => {
  const c = UNIT_CATALOG[name];
  appendJournal(dir, lines.map((l) => (l.pid1 ? l : { identifier: c?.identifier, ...l, unit: name, pid: l.pid })), { now });
};

function toFailed(dir, name, u, now) {
  const c = UNIT_CATALOG[name];
  say(dir, name, [...(c?.failed(now) ?? []).map((l) => ({ ...l, pid: u.mainPid || 900 })), ...pid1Lines.exited(name)], now);
  Object.assign(u, { activeState: 'failed', subState: 'failed', result: 'exit-code', execMainCode: 1, execMainStatus: 1, mainPid: 0, memoryBytes: null, stateChangeMs: now });
}

function toActive(dir, name, u, now) {
  const c = UNIT_CATALOG[name];
  Object.assign(u, { activeState: 'active', subState: 'running', result: 'success', execMainCode: 0, execMainStatus: 0, mainPid: 1000 + Math.floor(now % 30000), memoryBytes: 180_000_000, activeEnterMs: now, stateChangeMs: now });
  const bind = u.bind === '127.0.0.1' ? '127.0.0.1' : '0.0.0.0';
  say(dir, name, [...pid1Lines.starting(name, u.description), ...(c?.started(now, bind) ?? []).map((l) => ({ ...l, pid: u.mainPid })), ...pid1Lines.started(name, u.description)], now);
}

/**
 * The unit's process dies. It is restarted every RESTART_EVERY_MS (advanceUnits) until the start
 * limit; `persistent` keeps it failing on manual starts too (a broken config), else a start fixes it.
 */
export function failUnit(dir, name, { persistent = false, now = Date.now() } = {}) {
  return updateUnits(dir, (s) => {
    const u = s.units[name];
    if (!u) return false;
    toFailed(dir, name, u, now);
    Object.assign(u, { broken: persistent, restartsLeft: START_LIMIT, nextRestartMs: now + RESTART_EVERY_MS });
    return true;
  });
}

/** Run the restarts that are due: each one fails again, NRestarts climbs, then systemd gives up. */
export function advanceUnits(dir, now = Date.now()) {
  const s = readUnits(dir);
  let changed = false;
  for (const [name, u] of Object.entries(s.units)) {
    while (u.activeState === 'failed' && u.restartsLeft > 0 && u.nextRestartMs !== null && u.nextRestartMs <= now) {
      u.nRestarts += 1;
      u.restartsLeft -= 1;
      say(dir, name, pid1Lines.scheduled(name, u.description, u.nRestarts), u.nextRestartMs);
      toFailed(dir, name, u, u.nextRestartMs);
      if (u.restartsLeft === 0) say(dir, name, pid1Lines.gaveUp(name, u.description), u.nextRestartMs);
      u.nextRestartMs = u.restartsLeft > 0 ? u.nextRestartMs + RESTART_EVERY_MS : null;
      changed = true;
    }
  }
  if (changed) writeUnits(dir, s);
  return Object.values(s.units).some((u) => u.restartsLeft > 0 && u.activeState === 'failed');
}

const jobFailed = (name) => `Job for ${name} failed because the control process exited with error code.\nSee "systemctl status ${name}" and "journalctl -xeu ${name}" for details.\n`;

/** systemctl start|stop|restart of one unit: { code, stderr } as systemd answers. */
export function unitAction(dir, name, action, now = Date.now()) {
  return updateUnits(dir, (s) => {
    const u = s.units[name];
    if (!u) return { code: 5, stderr: `Failed to ${action} ${name}: Unit ${name} not found.\n` };
    const running = u.activeState === 'active';
    if (action !== 'start' && running) {
      say(dir, name, [...pid1Lines.stopping(name, u.description), ...pid1Lines.stopped(name, u.description)], now);
      Object.assign(u, { activeState: 'inactive', subState: 'dead', mainPid: 0, memoryBytes: null, stateChangeMs: now });
    }
    if (action === 'stop') {
      Object.assign(u, { activeState: 'inactive', subState: 'dead', mainPid: 0, memoryBytes: null, restartsLeft: 0, nextRestartMs: null, stateChangeMs: now });
      return { code: 0, stderr: '' };
    }
    if (action === 'start' && running) return { code: 0, stderr: '' };
    // A start by hand resets the restart counter.
    Object.assign(u, { nRestarts: 0, restartsLeft: 0, nextRestartMs: null });
    if (u.broken) {
      say(dir, name, pid1Lines.starting(name, u.description), now);
      toFailed(dir, name, u, now);
      say(dir, name, pid1Lines.gaveUp(name, u.description).slice(2), now);
      return { code: 1, stderr: jobFailed(name) };
    }
    toActive(dir, name, u, now);
    return { code: 0, stderr: '' };
  });
}

/** Bind a unit's service to 127.0.0.1 only (it stays active), or back to every interface. */
export function bindUnit(dir, name, address, now = Date.now()) {
  return updateUnits(dir, (s) => {
    const u = s.units[name];
    if (!u) return false;
    u.bind = address === '127.0.0.1' ? '127.0.0.1' : '0.0.0.0';
    if (u.activeState === 'active') toActive(dir, name, u, now);
    return true;
  });
}

/** Whether list-units honours --output=json (false: a version that prints the table anyway). */
export function setJsonOutput(dir, on) {
  updateUnits(dir, (s) => (s.jsonOutput = Boolean(on)));
}

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendJournal, BOOT_IDS, clearJournal } from './vm-journal.mjs';
import { seedJournalLines } from './vm-lines.mjs';
import { advanceUnits, bindUnit, failUnit, initialUnits, readUnits, RESTART_EVERY_MS, setJsonOutput, unitAction, unitReachable, UNITS_FILE, writeUnits } from './vm-state.mjs';
import { fillMount, growMount, initialVitals, setHostVolume, setMemory, setMount, setReadCondition, writeVitals } from './vm-vitals.mjs';

const demoBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin');

/** The lab's simulators and the units that run them inside the VM. */
export const SIM_UNITS = { jellyfin: 'jellyfin.service', synapse: 'matrix-synapse.service', telegram: 'mautrix-telegram.service' };

/** A fresh simulated VM: units, a journal with two boots, vitals, and the Mac's df beside them. */
export function resetVmState(stateDir, { ports = {}, now = Date.now() } = {}) {
  writeUnits(stateDir, initialUnits({ ports, now }));
  const vitals = initialVitals(now);
  writeVitals(stateDir, vitals);
  clearJournal(stateDir);
  for (const { boot, bootAtMs, lines } of seedJournalLines({ now, bootAtMs: vitals.bootAtMs, prevBootAtMs: vitals.prevBootAtMs })) {
    appendJournal(stateDir, lines, { boot: BOOT_IDS[boot], bootAtMs, now });
  }
  const hostDf = path.join(stateDir, 'host-df');
  fs.copyFileSync(path.join(demoBin, 'host-df'), hostDf);
  fs.chmodSync(hostDf, 0o755);
  return hostDf;
}

const UNIT = /^[A-Za-z0-9:_.@\\-]{1,255}$/;
const bad = (error) => ({ status: 400, body: { error } });
const done = { status: 200, body: { ok: true } };

/** Each unit's simulator follows the unit: closed while the unit is down or bound to loopback. */
function simLink(stateDir, sims) {
  const closedByUs = new Set();
  let chain = Promise.resolve();
  const sync = () => (chain = chain.then(async () => {
    const { units } = readUnits(stateDir);
    for (const [key, unit] of Object.entries(SIM_UNITS)) {
      const sim = sims[key];
      if (!sim) continue;
      const reachable = unitReachable(units[unit]);
      if (!reachable && sim.condition !== 'refuse') {
        closedByUs.add(unit);
        await sim.setCondition('refuse');
      } else if (reachable && closedByUs.delete(unit)) await sim.setCondition('up');
    }
  }).catch(() => {}));
  return { sync, clear: () => closedByUs.clear() };
}

/** Runs a failed unit's restarts while any are due (as systemd's Restart=on-failure would). */
function restartTicker(stateDir, sync) {
  let ticker = null;
  const stop = () => {
    if (ticker) clearInterval(ticker);
    ticker = null;
  };
  const start = () => {
    if (ticker) return;
    ticker = setInterval(() => {
      if (!advanceUnits(stateDir)) stop();
      sync();
    }, RESTART_EVERY_MS / 4);
    ticker.unref?.();
  };
  return { start, stop };
}

function unitRoutes(stateDir, ticker) {
  const noUnit = (u) => ({ status: 404, body: { error: `no unit ${u} in the simulated VM` } });
  return {
    '/vm/unit': (b) => {
      if (!readUnits(stateDir).units[b.unit]) return noUnit(b.unit);
      if (b.action === 'fail') {
        failUnit(stateDir, b.unit, { persistent: Boolean(b.persistent) });
        ticker.start();
        return done;
      }
      if (!['start', 'stop', 'restart'].includes(b.action)) return bad('action must be one of fail, start, stop, restart');
      const r = unitAction(stateDir, b.unit, b.action);
      return { status: 200, body: { ok: r.code === 0, code: r.code, stderr: r.stderr } };
    },
    '/vm/bind': (b) => {
      if (b.address !== '127.0.0.1' && b.address !== '0.0.0.0') return bad('address must be 127.0.0.1 or 0.0.0.0');
      return bindUnit(stateDir, b.unit, b.address) ? done : noUnit(b.unit);
    },
    '/vm/journal': (b) => {
      const lines = Array.isArray(b.lines) ? b.lines : [{ message: b.message, priority: b.priority, pid1: b.pid1 }];
      if (!lines.length || lines.length > 1000 || !lines.every((l) => typeof l?.message === 'string' && l.message.length <= 65536)) return bad('message (or lines[].message) must be text, at most 64 KiB, at most 1000 lines');
      if (!lines.every((l) => l.priority === undefined || l.priority === null || (Number.isInteger(l.priority) && l.priority >= 0 && l.priority <= 7))) return bad('priority must be 0 to 7, or null to leave it out');
      const entries = appendJournal(stateDir, lines.map((l) => ({ unit: b.unit, message: l.message, priority: l.priority === undefined ? 6 : l.priority, pid1: Boolean(l.pid1), pid: b.pid })));
      return { status: 200, body: { ok: true, cursors: entries.map((e) => e.__CURSOR) } };
    },
    '/vm/systemctl': (b) => {
      setJsonOutput(stateDir, b.jsonOutput !== false);
      return done;
    },
  };
}

function vitalsRoutes(stateDir) {
  return {
    '/vm/mount': (b) => {
      if (typeof b.mount !== 'string') return bad('mount must be a path');
      if (b.percent !== undefined && !(Number(b.percent) >= 0 && Number(b.percent) <= 100)) return bad('percent must be 0 to 100');
      if (b.bytesPerDay !== undefined && !Number.isFinite(Number(b.bytesPerDay))) return bad('bytesPerDay must be a number');
      const changes = [];
      if (b.percent !== undefined) changes.push(fillMount(stateDir, b.mount, Number(b.percent)));
      if (b.bytesPerDay !== undefined) changes.push(growMount(stateDir, b.mount, Number(b.bytesPerDay)));
      if (b.present !== undefined || b.error !== undefined) changes.push(setMount(stateDir, b.mount, { present: b.present, error: b.error }));
      if (changes.length === 0) return bad('give percent, bytesPerDay, present or error');
      return changes.every(Boolean) ? done : { status: 404, body: { error: `no mount ${b.mount} in the simulated VM (one of /, /boot)` } };
    },
    '/vm/memory': (b) => {
      if (!(Number(b.availablePercent) >= 0 && Number(b.availablePercent) <= 100)) return bad('availablePercent must be 0 to 100');
      setMemory(stateDir, b.availablePercent);
      return done;
    },
    '/vm/vitals': (b) => {
      if (!['normal', 'cut'].includes(b.condition)) return bad('condition must be normal or cut');
      setReadCondition(stateDir, b.condition);
      return done;
    },
    '/host/volume': (b) => {
      if (!['mounted', 'missing', 'system'].includes(b.state)) return bad('state must be mounted, missing or system');
      setHostVolume(stateDir, b.path ?? '/Volumes/Storage', b.state);
      return done;
    },
  };
}

/**
 * The control routes for the simulated VM and the Mac's volume, with each unit tied to its
 * simulator. Changes made by the fake systemctl (a restart from the dashboard) are followed
 * through units.json.
 */
export function createVmControl({ stateDir, sims }) {
  const ports = Object.fromEntries(Object.entries(SIM_UNITS).filter(([k]) => sims[k]).map(([k, u]) => [u, sims[k].port]));
  const link = simLink(stateDir, sims);
  const ticker = restartTicker(stateDir, link.sync);
  const routes = { ...unitRoutes(stateDir, ticker), ...vitalsRoutes(stateDir) };
  let watcher = null;
  try {
    watcher = fs.watch(stateDir, (_, name) => name === UNITS_FILE && link.sync());
  } catch { /* the routes still sync */ }
  const reset = async () => {
    ticker.stop();
    resetVmState(stateDir, { ports });
    link.clear();
    await link.sync();
  };
  return {
    hostDfPath: path.join(stateDir, 'host-df'),
    reset,
    /** Answer a control request for the VM, or undefined when the path is not one of ours. */
    async handle(p, input) {
      const body = input && typeof input === 'object' && !Array.isArray(input) ? input : {};
      if (p === '/vm/reset') return reset().then(() => done);
      const route = routes[p];
      if (!route) return undefined;
      if (body.unit !== undefined && !UNIT.test(String(body.unit))) return bad('unit must be a unit name');
      if (['/vm/unit', '/vm/bind', '/vm/journal'].includes(p) && typeof body.unit !== 'string') return bad('unit is required');
      const r = route(body);
      await link.sync();
      return r;
    },
    stop() {
      watcher?.close();
      ticker.stop();
    },
  };
}

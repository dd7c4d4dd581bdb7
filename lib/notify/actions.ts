import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import type { SilenceView } from '../snapshot/alerts';
import type { AlertEngine } from './engine';
import { alertKey, type AlertEvent } from './events';
import { handleEvent } from './intake';
import { findDelivery } from './queue-lookup';
import type { QueueRow } from './queue-schema';
import { closeSilence, getSilence, insertSilence } from './silence-store';
import { createSilence, type SilenceRequest } from './silences';
import { silenceView } from './view';

// What an admin does from the pages: silence a service or a machine, end a silence, send a test.
// The target is looked up in the config: a request names it, it never defines it.

export type ActionResult<T> = { ok: true; value: T } | { ok: false; status: 400 | 404 | 409; message: string };

/** The configured machine or service a request names, with its display name; null when there is none. */
function targetOf(config: Config, req: Pick<SilenceRequest, 'machine' | 'service'>): { name: string } | null {
  const m = config.machines.find((x) => x.name === req.machine);
  if (!m) return null;
  if (!req.service) return { name: m.name };
  const s = m.services.find((x) => x.id === req.service);
  return s ? { name: s.name } : null;
}

/** Up now, by the last round: a machine when it runs and all its services answer. */
function isUp(engine: AlertEngine, req: Pick<SilenceRequest, 'machine' | 'service'>): boolean {
  const m = engine.world.round?.machines.find((x) => x.name === req.machine);
  if (!m) return true;
  if (req.service) return m.services.find((s) => s.id === req.service)?.state === 'up';
  return m.state === 'running' && m.services.every((s) => s.state === 'up');
}

export function silence(engine: AlertEngine, config: Config, req: SilenceRequest): ActionResult<SilenceView> {
  const target = targetOf(config, req);
  if (!target) return { ok: false, status: 404, message: req.service ? `no service "${req.service}" on ${req.machine} in the config` : `no machine "${req.machine}" in the config` };
  const now = engine.rt.now();
  const made = createSilence(req, { id: randomBytes(6).toString('hex'), name: target.name, now, targetUp: isUp(engine, req) });
  if (!made.ok) return { ok: false, status: 409, message: made.error };
  insertSilence(engine.rt.db, made.silence);
  return { ok: true, value: silenceView(made.silence) };
}

export function endSilence(engine: AlertEngine, id: string): ActionResult<SilenceView> {
  const s = getSilence(engine.rt.db, id);
  if (!s) return { ok: false, status: 404, message: `no silence ${id}` };
  if (!closeSilence(engine.rt.db, id, 'ended', engine.rt.now())) return { ok: false, status: 409, message: `that silence already ended (${s.endedWhy})` };
  return { ok: true, value: silenceView(s) };
}

/**
 * A test message through one notifier alone (no fallback), waiting for its first attempt: the
 * answer says whether it arrived, or what the server said.
 */
export async function sendTest(engine: AlertEngine, notifier: string): Promise<ActionResult<QueueRow>> {
  const c = engine.rt.channels.get(notifier);
  if (!c) return { ok: false, status: 404, message: `no notifier "${notifier}" in the config` };
  const e: AlertEvent = { type: 'test', id: randomBytes(6).toString('hex'), notifier, at: engine.rt.now() };
  const key = alertKey(e);
  handleEvent(engine.rt, engine.world, e, { only: notifier, decision: { action: 'notify', why: 'a test from the notifications page' } });
  const row = findDelivery(engine.rt.db, notifier, key);
  if (!row) return { ok: false, status: 409, message: 'the test message could not be queued' };
  const attempted = engine.worker.nextAttempt(row.id, c.timeoutMs + 5000);
  engine.worker.kick();
  return { ok: true, value: (await attempted) ?? findDelivery(engine.rt.db, notifier, key) ?? row };
}

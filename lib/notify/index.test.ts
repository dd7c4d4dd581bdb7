import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../config/schema';
import { memoryAlertsDb } from './alerts-db';
import { alertEngine, configureNotify, notify, notifyIdle } from './index';
import { recentDecisions } from './event-log';

describe('notify()', () => {
  afterEach(() => alertEngine()?.stop());

  it('takes the runner\'s rebuild announcement as a job event, decided once', async () => {
    const run = { id: 'r9', target: 'mini-vm', mode: 'build', outcome: 'succeeded', exitCode: 0, durationMs: 1000, startedAt: Date.UTC(2026, 0, 1, 9) };
    const config = configSchema.parse({ machines: [{ name: 'mini-vm', services: [] }] });
    const db = memoryAlertsDb();
    configureNotify(config, { runtime: { db, tz: 'UTC', jobs: { recent: () => [] }, openIncidents: () => [] }, log: () => {} });
    expect(notify({ type: 'rebuild', run, at: 1 })).toBe(true);
    expect(notify({ type: 'rebuild', run, at: 2 })).toBe(true);
    await notifyIdle();
    expect(recentDecisions(db).map((d) => [d.key, d.action, d.targets])).toEqual([['job:rebuild:r9', 'notify', 0]]);
    expect(recentDecisions(db)[0].event).toMatchObject({ type: 'job', job: { label: 'test build of mini-vm at Thu 09:00', machine: 'mini-vm' } });
  });
});

import { describe, expect, it } from 'vitest';
import { renderAlert } from './messages';
import type { Quiet } from './quiet';
import { nextReminderAt, reminderDue, remindersDue, type DownIncident } from './reminders';

const T0 = Date.UTC(2026, 4, 1, 10, 0);
const MIN = 60_000;
const inc = (over: Partial<DownIncident> = {}): DownIncident => ({ incidentId: 9, service: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm', downSince: T0, ...over });
const silence: Quiet = { kind: 'silence', id: 'silence:s1', label: 'silenced: disk', until: T0 + 200 * MIN };

/** A fake clock walking minute by minute; what a notifier with this interval would send. */
function run(minutes: number, every: number, quietAt: (t: number) => Quiet | null = () => null, stopAt = Infinity) {
  let state = inc();
  const sent: { at: number; slot: number; text: string }[] = [];
  for (let t = T0; t <= T0 + minutes * MIN; t += MIN) {
    if (t >= stopAt) state = { ...state, recoveredAt: stopAt };
    const r = reminderDue(state, every, t, quietAt(t));
    if (r.due) {
      sent.push({ at: (t - T0) / MIN, slot: r.event.slot, text: renderAlert(r.event).plain });
      state = { ...state, lastReminderAt: t };
    }
  }
  return sent;
}

describe('reminders while a service stays down', () => {
  it('every interval, saying for how long', () => {
    const sent = run(200, 65);
    expect(sent.map((s) => s.at)).toEqual([65, 130, 195]);
    expect(sent[1].text).toBe('Jellyfin still down, for 2 h 10 min.');
    expect(sent.map((s) => s.slot)).toEqual([1, 2, 3]);
  });

  it('off by default, and stop at recovery', () => {
    expect(reminderDue(inc(), undefined, T0 + 999 * MIN)).toEqual({ due: false, why: 'off', nextAt: null });
    expect(reminderDue(inc(), 0, T0 + 999 * MIN)).toMatchObject({ due: false, why: 'off' });
    expect(run(300, 60, undefined, T0 + 150 * MIN).map((s) => s.at)).toEqual([60, 120]);
    expect(reminderDue(inc({ recoveredAt: T0 + 10 * MIN }), 5, T0 + 20 * MIN)).toMatchObject({ due: false, why: 'recovered' });
  });

  it('not during a silence or window; one at once when it ends, then the interval again', () => {
    const quietAt = (t: number) => (t >= T0 + 50 * MIN && t < T0 + 200 * MIN ? silence : null);
    expect(run(330, 60, quietAt).map((s) => s.at)).toEqual([200, 260, 320]);
    expect(reminderDue(inc(), 60, T0 + 70 * MIN, silence)).toEqual({ due: false, why: 'quiet', nextAt: T0 + 200 * MIN, quiet: silence });
    expect(reminderDue(inc(), 60, T0 + 70 * MIN, { ...silence, until: null })).toMatchObject({ why: 'quiet', nextAt: null });
  });

  it('survives a restart: from the incident start and the last reminder, with no burst for missed ones', () => {
    const state = inc({ lastReminderAt: T0 + 60 * MIN });
    expect(nextReminderAt(state, 60 * MIN)).toBe(T0 + 120 * MIN);
    expect(reminderDue(state, 60, T0 + 119 * MIN)).toEqual({ due: false, why: 'not-yet', nextAt: T0 + 120 * MIN });
    // The dashboard was off for five hours: one reminder, with the whole duration.
    const r = reminderDue(state, 60, T0 + 6 * 60 * MIN + 5 * MIN);
    expect(r).toMatchObject({ due: true, event: { slot: 6, downForMs: (6 * 60 + 5) * MIN } });
    // Asked twice in the same slot (a restart before the queue row was written): the same key.
    const again = reminderDue(state, 60, T0 + 6 * 60 * MIN + 9 * MIN);
    expect(again.due && r.due && again.event.slot === r.event.slot).toBe(true);
  });

  it('remindersDue over incidents, asking the quiet for each', () => {
    const a = inc();
    const b = inc({ incidentId: 10, service: 'synapse', name: 'Matrix Synapse' });
    const due = remindersDue([a, b], 30, T0 + 31 * MIN, (about) => (about.service === 'synapse' ? silence : null));
    expect(due.map((e) => e.service)).toEqual(['jellyfin']);
  });
});

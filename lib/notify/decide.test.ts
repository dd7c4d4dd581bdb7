import { describe, expect, it } from 'vitest';
import { decide, type DecisionContext } from './decide';
import type { AlertEvent, JobInfo } from './events';
import { closedJobWindows, finishJobWindow, isJobWindowOpen, jobWindowEnd, jobWindowSummary, openJobWindow, type JobWindow, type ServiceNow } from './job-windows';
import { renderAlert } from './messages';
import { quietFor } from './quiet';
import { createSilence, type Silence } from './silences';
import { scheduledWindowSummary, silenceEndSummary } from './summaries';
import { activeWindow, maintenanceWindowSchema } from './windows';

const T0 = Date.UTC(2026, 0, 4, 12, 0); // Sunday 13:00 in Berlin
const MIN = 60_000;
const job: JobInfo = { id: 12, kind: 'rebuild', machine: 'mini-vm', outcome: 'succeeded', label: 'rebuild #12' };
const base = { machine: 'mini-vm', at: T0 };
const down = (service = 'jellyfin', at = T0): AlertEvent => ({ type: 'down', incidentId: 1, service, name: service, ...base, at, reason: 'refused' });
const recovered = (at = T0): AlertEvent => ({ type: 'recovered', incidentId: 1, service: 'jellyfin', name: 'Jellyfin', ...base, at, downForMs: 60_000 });
const reminder: AlertEvent = { type: 'reminder', incidentId: 1, service: 'jellyfin', name: 'Jellyfin', ...base, downForMs: 1, slot: 1 };
const ctx = (over: Partial<DecisionContext> = {}): DecisionContext => ({ now: T0, tz: 'Europe/Berlin', silences: [], jobWindows: [], scheduled: [], ...over });
const silence = (service?: string, duration: '1h' | 'recovery' = '1h'): Silence => {
  const r = createSilence({ machine: 'mini-vm', service, duration, reason: 'disk swap' }, { id: 's1', name: service ?? 'mini-vm', now: T0 - MIN, targetUp: false });
  return r.ok ? r.silence : (null as never);
};
const running = openJobWindow(job, T0 - 5 * MIN);
const states = (over: Record<string, string> = {}): ServiceNow[] =>
  ['jellyfin', 'synapse'].map((s) => ({ service: s, name: s === 'jellyfin' ? 'Jellyfin' : 'Matrix Synapse', machine: 'mini-vm', state: over[s] ?? 'up' }));

describe('job windows', () => {
  it('open while the job runs and for settleSeconds after (default 120)', () => {
    const w = finishJobWindow(running, T0, 'succeeded');
    expect(jobWindowEnd(running)).toBeNull();
    expect(isJobWindowOpen(running, T0 + 1e9)).toBe(true);
    expect(jobWindowEnd(w)).toBe(T0 + 120_000);
    expect(isJobWindowOpen(w, T0 + 119_999)).toBe(true);
    expect(isJobWindowOpen(w, T0 + 120_000)).toBe(false);
    expect(isJobWindowOpen(w, T0 - 6 * MIN)).toBe(false);
    expect(jobWindowEnd(finishJobWindow(openJobWindow(job, T0, 30), T0 + MIN, 'failed'))).toBe(T0 + MIN + 30_000);
    expect(closedJobWindows([running, w], T0 + 120_000)).toEqual([w]);
  });

  it('the summary: all back, or who is still down (a real alert)', () => {
    const w = finishJobWindow(running, T0, 'succeeded');
    expect(renderAlert(jobWindowSummary(w, states(), T0)).plain).toBe('Rebuild #12 succeeded; all services back.');
    const bad = jobWindowSummary(w, states({ jellyfin: 'down', synapse: 'unknown' }), T0);
    expect(renderAlert(bad).plain).toBe('After rebuild #12, Jellyfin is still down.');
    expect(bad).toMatchObject({ windowId: 'job:rebuild:12', stillDown: [{ service: 'jellyfin' }] });
  });
});

describe('decide: notify, hold or drop', () => {
  it('an ordinary state change is sent', () => {
    expect(decide(down(), ctx())).toEqual({ action: 'notify', why: 'a state change' });
    expect(decide(recovered(), ctx())).toMatchObject({ action: 'notify' });
    expect(decide(reminder, ctx())).toMatchObject({ action: 'notify' });
  });

  it('during a job on the machine, state changes are held for its summary', () => {
    const d = decide(down(), ctx({ jobWindows: [running] }));
    expect(d).toMatchObject({ action: 'hold', why: 'during rebuild #12', quiet: { kind: 'job', id: 'job:rebuild:12', until: null } });
    expect(decide(recovered(), ctx({ jobWindows: [running] }))).toMatchObject({ action: 'hold' });
    expect(decide({ type: 'machine-down', incidentId: 2, ...base, state: 'stopped', reason: 'x' }, ctx({ jobWindows: [running] }))).toMatchObject({ action: 'hold' });
    expect(decide({ type: 'unit-failed', incidentId: 3, ...base, unit: 'jellyfin.service' }, ctx({ jobWindows: [running] }))).toMatchObject({ action: 'hold' });
    expect(decide(down(), ctx({ jobWindows: [{ ...running, job: { ...running.job, machine: 'other' } }] }))).toMatchObject({ action: 'notify' });
  });

  it('a reminder in a quiet is dropped, not held (the next one or the summary speaks)', () => {
    expect(decide(reminder, ctx({ jobWindows: [running] }))).toMatchObject({ action: 'drop', quiet: { kind: 'job' } });
    expect(decide(reminder, ctx({ silences: [silence('jellyfin')] }))).toMatchObject({ action: 'drop', quiet: { kind: 'silence' } });
  });

  it("a job that opened a window does not announce its own end: the window's summary does", () => {
    const finished: AlertEvent = { type: 'job', job, at: T0 };
    expect(decide(finished, ctx({ jobWindowIds: new Set(['job:rebuild:12']) }))).toMatchObject({ action: 'drop' });
    expect(decide(finished, ctx())).toMatchObject({ action: 'notify' });
    expect(decide({ type: 'maintenance', windowId: 'job:rebuild:12', cause: 'rebuild', label: 'rebuild #12', machine: 'mini-vm', stillDown: [], at: T0 }, ctx({ jobWindows: [running] }))).toMatchObject({ action: 'notify' });
    expect(decide({ type: 'test', id: 't', notifier: 'n', at: T0 }, ctx({ silences: [silence()] }))).toMatchObject({ action: 'notify' });
  });

  it('a scheduled window holds what it covers', () => {
    const scheduled = [maintenanceWindowSchema.parse({ days: ['sun'], at: '13:00', minutes: 30, services: ['jellyfin'] })];
    expect(decide(down(), ctx({ scheduled }))).toMatchObject({ action: 'hold', quiet: { kind: 'scheduled', until: T0 + 30 * MIN } });
    expect(decide(down('synapse'), ctx({ scheduled }))).toMatchObject({ action: 'notify' });
    expect(decide(down(), ctx({ scheduled, now: T0 + 30 * MIN }))).toMatchObject({ action: 'notify' });
  });

  it('a silence holds its target; a machine silence holds everything on the machine', () => {
    expect(decide(down(), ctx({ silences: [silence('jellyfin')] }))).toMatchObject({ action: 'hold', quiet: { kind: 'silence', label: 'silenced: disk swap' } });
    expect(decide(down('synapse'), ctx({ silences: [silence('jellyfin')] }))).toMatchObject({ action: 'notify' });
    expect(decide(down('synapse'), ctx({ silences: [silence()] }))).toMatchObject({ action: 'hold' });
    expect(decide({ type: 'vitals', ...base, metric: 'disk', value: '95%', threshold: '90%' }, ctx({ silences: [silence()] }))).toMatchObject({ action: 'hold' });
    expect(decide(down(), ctx({ silences: [silence('jellyfin')], now: T0 + 60 * MIN }))).toMatchObject({ action: 'notify' });
  });

  it('a recovery: held inside a window; under a silence told only if its outage was; dropped if its outage never was', () => {
    expect(decide(recovered(), ctx({ silences: [silence('jellyfin')], downNotified: true }))).toMatchObject({ action: 'notify' });
    expect(decide(recovered(), ctx({ silences: [silence('jellyfin')], downNotified: false }))).toMatchObject({ action: 'drop', quiet: { kind: 'silence' } });
    expect(decide(recovered(), ctx({ downNotified: false }))).toEqual({ action: 'drop', why: 'its outage was never announced' });
    expect(decide(recovered(), ctx({ jobWindows: [running], downNotified: true }))).toMatchObject({ action: 'hold' });
  });

  it('a service whose cause has its own alert is not announced twice', () => {
    const covered = new Map([['jellyfin', "the alert for bee's Caddy"]]);
    expect(decide(down(), ctx({ covered }))).toEqual({ action: 'drop', why: "covered by the alert for bee's Caddy" });
    expect(decide(reminder, ctx({ covered }))).toMatchObject({ action: 'drop' });
    expect(decide(down('synapse'), ctx({ covered }))).toMatchObject({ action: 'notify' });
  });

  it('a job window wins over a silence and a scheduled window, for the history mark', () => {
    const scheduled = [maintenanceWindowSchema.parse({ days: ['sun'], at: '12:00', minutes: 120 })];
    expect(quietFor({ machine: 'mini-vm', service: 'jellyfin' }, ctx({ jobWindows: [running], silences: [silence()], scheduled }))?.kind).toBe('job');
    expect(quietFor({ machine: 'mini-vm', service: 'jellyfin' }, ctx({ silences: [silence()], scheduled }))?.kind).toBe('scheduled');
    expect(quietFor({ machine: 'mini-vm' }, ctx())).toBeNull();
  });
});

describe('a rebuild that restarts Jellyfin, on a fake clock', () => {
  it('sends no down alert and one summary', () => {
    let windows: JobWindow[] = [openJobWindow(job, T0)];
    const decisions: string[] = [];
    const at = (m: number) => T0 + m * MIN;
    decisions.push(decide(down('jellyfin', at(2)), ctx({ now: at(2), jobWindows: windows })).action);
    windows = [finishJobWindow(windows[0], at(4), 'succeeded')];
    decisions.push(decide(recovered(at(5)), ctx({ now: at(5), jobWindows: windows, downNotified: false })).action);
    expect(decisions).toEqual(['hold', 'hold']);
    expect(closedJobWindows(windows, at(5))).toEqual([]);
    const due = closedJobWindows(windows, at(6));
    expect(due.map((w) => renderAlert(jobWindowSummary(w, states(), at(6))).plain)).toEqual(['Rebuild #12 succeeded; all services back.']);
    // After the close, alerts flow again.
    expect(decide(down('jellyfin', at(7)), ctx({ now: at(7), jobWindows: windows })).action).toBe('notify');
  });
});

describe('summaries of scheduled windows and silences', () => {
  const win = maintenanceWindowSchema.parse({ days: ['sun'], at: '13:00', minutes: 30 });
  const occ = activeWindow([win], new Date(T0 + MIN), 'Europe/Berlin')!;

  it('a scheduled window says something only when something happened or is still down', () => {
    expect(scheduledWindowSummary(occ, states(), 0, T0 + 30 * MIN)).toBeNull();
    expect(renderAlert(scheduledWindowSummary(occ, states(), 2, T0 + 30 * MIN)!).plain).toBe('The maintenance window (sun 13:00 for 30 min) is over; all services back.');
    const s = scheduledWindowSummary(occ, states({ synapse: 'degraded' }), 0, T0 + 30 * MIN)!;
    expect(renderAlert(s).plain).toBe('After the maintenance window (sun 13:00 for 30 min), Matrix Synapse (degraded) is still down.');
    expect(s.windowId).toBe(occ.id);
  });

  it('a silence that ran out speaks only if its target is still down; one ended by recovery is quiet', () => {
    const s = silence('jellyfin');
    expect(silenceEndSummary({ silence: s, why: 'expired', at: T0 + 59 * MIN }, states())).toBeNull();
    expect(silenceEndSummary({ silence: s, why: 'recovered', at: T0 }, states({ jellyfin: 'down' }))).toBeNull();
    const still = silenceEndSummary({ silence: s, why: 'expired', at: T0 + 59 * MIN }, states({ jellyfin: 'down', synapse: 'down' }))!;
    expect(renderAlert(still).plain).toBe('The silence on jellyfin ended; Jellyfin is still down.');
    const m = silenceEndSummary({ silence: silence(), why: 'expired', at: T0 }, states({ jellyfin: 'down', synapse: 'down' }))!;
    expect(m.stillDown.map((x) => x.service)).toEqual(['jellyfin', 'synapse']);
  });
});

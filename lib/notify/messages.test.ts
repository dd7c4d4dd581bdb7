import { describe, expect, it } from 'vitest';
import { alertCategoriesOf, alertKey, passesFilter, type AlertEvent } from './events';
import { escapeHtml, renderAlert } from './messages';

const at = Date.UTC(2026, 2, 1, 13, 5); // Sun 14:05 in Berlin
const jf = { service: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm' };
const syn = { service: 'synapse', name: 'Matrix Synapse', machine: 'mini-vm' };
const r = (e: AlertEvent, late?: number) => renderAlert(e, { tz: 'Europe/Berlin', late: late ? { deliveredAt: at + late } : undefined });

describe('renderAlert: plain and HTML', () => {
  it('down, with the reason', () => {
    expect(r({ type: 'down', incidentId: 1, ...jf, at, reason: 'connection refused' })).toEqual({
      title: 'Jellyfin is down',
      plain: 'Jellyfin is down: connection refused',
      html: '<strong>Jellyfin</strong> is down: connection refused',
    });
  });

  it('recovered, with how long it was down', () => {
    expect(r({ type: 'recovered', incidentId: 1, ...jf, at, downForMs: 12 * 60_000 }).plain).toBe('Jellyfin is back, after 12 min down.');
  });

  it('a reminder says for how long', () => {
    const m = r({ type: 'reminder', incidentId: 1, ...jf, at, downForMs: (2 * 60 + 10) * 60_000, slot: 2 });
    expect(m.plain).toBe('Jellyfin still down, for 2 h 10 min.');
    expect(m.html).toBe('<strong>Jellyfin</strong> still down, for 2 h 10 min.');
  });

  it('unit failed, vitals, a finished job', () => {
    expect(r({ type: 'unit-failed', incidentId: 3, machine: 'mini-vm', unit: 'jellyfin.service', at, result: 'exit-code' })).toMatchObject({
      plain: 'Unit jellyfin.service failed on mini-vm (exit-code).',
      html: 'Unit <code>jellyfin.service</code> failed on <strong>mini-vm</strong> (exit-code).',
    });
    expect(r({ type: 'vitals', machine: 'mini-vm', metric: 'disk /', value: '93%', threshold: '90%', at }).plain).toBe('mini-vm: disk / at 93% (warning at 90%).');
    const job = { id: 12, kind: 'rebuild' as const, machine: 'mini-vm', outcome: 'failed', label: 'rebuild #12', durationMs: 185_000, exitCode: 1 };
    expect(r({ type: 'job', job, at }).plain).toBe('Rebuild #12 on mini-vm failed after 3 min 5 s (exit 1).');
    expect(r({ type: 'job', job: { ...job, label: 'rebuild of mini-vm at Fri 10:00' }, at }).plain).toBe('Rebuild of mini-vm at Fri 10:00 failed after 3 min 5 s (exit 1).');
  });

  it('the maintenance summary: all back, or who is still down (a real alert)', () => {
    const base = { type: 'maintenance' as const, windowId: 'job:12', cause: 'rebuild' as const, label: 'rebuild #12', machine: 'mini-vm', outcome: 'succeeded', at };
    expect(r({ ...base, stillDown: [] }).plain).toBe('Rebuild #12 succeeded; all services back.');
    expect(r({ ...base, stillDown: [jf] }).plain).toBe('After rebuild #12, Jellyfin is still down.');
    expect(r({ ...base, stillDown: [jf, syn] }).html).toBe('After <strong>rebuild #12</strong>, <strong>Jellyfin</strong> and <strong>Matrix Synapse</strong> are still down.');
    expect(r({ ...base, cause: 'scheduled', label: 'the Sunday window', outcome: undefined, stillDown: [] }).plain).toBe('The Sunday window is over; all services back.');
    expect(r({ ...base, stillDown: [jf, { ...syn, state: 'degraded' }] }).plain).toBe('After rebuild #12, Jellyfin and Matrix Synapse (degraded) are still down.');
    expect(r({ ...base, cause: 'silence', label: 'The silence on Jellyfin', outcome: undefined, stillDown: [jf] }).plain).toBe('The silence on Jellyfin ended; Jellyfin is still down.');
    expect(alertCategoriesOf({ ...base, stillDown: [jf] })).toEqual(['down', 'maintenance', 'rebuild']);
    expect(alertCategoriesOf({ ...base, stillDown: [] })).toEqual(['maintenance', 'rebuild']);
  });

  it('the machine and a hop', () => {
    expect(r({ type: 'machine-down', incidentId: 4, machine: 'mini-vm', at, state: 'stopped', reason: 'orb reports it stopped' }).plain).toBe(
      'mini-vm is stopped: orb reports it stopped. Its services are not reachable.',
    );
    expect(r({ type: 'hop-down', incidentId: 5, hop: 'bee', machine: 'mini-vm', services: [jf, syn], at, reason: 'HTTP 502' }).plain).toBe(
      "bee's Caddy fails for every service behind it (Jellyfin and Matrix Synapse): HTTP 502",
    );
  });

  it('a late delivery says so, and when it happened', () => {
    const m = r({ type: 'down', incidentId: 1, ...jf, at, reason: 'connection refused' }, 42 * 60_000);
    expect(m.title).toBe('Late: Jellyfin is down');
    expect(m.plain).toBe('Jellyfin is down: connection refused\nDelivered late: this happened at Sun 14:05, 42 min earlier.');
    expect(m.html).toContain('<br>Delivered late: this happened at Sun 14:05, 42 min earlier.');
  });

  it('every value is escaped in the HTML, and only there', () => {
    const m = r({ type: 'down', incidentId: 1, service: 'x', machine: 'mini-vm', name: '<img src=x onerror=alert(1)>', at, reason: 'body "<script>" & \'more\'' });
    expect(m.html).toBe('<strong>&lt;img src=x onerror=alert(1)&gt;</strong> is down: body &quot;&lt;script&gt;&quot; &amp; &#39;more&#39;');
    expect(m.plain).toBe('<img src=x onerror=alert(1)> is down: body "<script>" & \'more\'');
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });
});

describe('keys and filters', () => {
  it('keys name the thing said once', () => {
    expect(alertKey({ type: 'down', incidentId: 7, ...jf, at, reason: '' })).toBe('down:7');
    expect(alertKey({ type: 'reminder', incidentId: 7, ...jf, at, downForMs: 1, slot: 3 })).toBe('reminder:7:3');
    expect(alertKey({ type: 'vitals', machine: 'm', metric: 'disk', value: '', threshold: '', at, day: '2026-03-01' })).toBe('vitals:m:disk:2026-03-01');
  });

  it('events and services filters', () => {
    const down: AlertEvent = { type: 'down', incidentId: 1, ...jf, at, reason: '' };
    expect(passesFilter(down, {})).toBe(true);
    expect(passesFilter(down, { events: ['recovered'] })).toBe(false);
    expect(passesFilter(down, { services: ['synapse'] })).toBe(false);
    expect(passesFilter(down, { events: ['down'], services: ['jellyfin'] })).toBe(true);
    expect(passesFilter({ type: 'machine-down', incidentId: 2, machine: 'mini-vm', at, state: 'stopped', reason: '' }, { services: ['synapse'] })).toBe(true);
    expect(passesFilter({ type: 'test', id: 't', notifier: 'n', at }, { events: [] })).toBe(true);
  });
});

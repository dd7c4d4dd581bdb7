import { describe, expect, it } from 'vitest';
import { collapseRound, coveredServices, failingHops, hopChanges, type RoundView } from './dependencies';
import type { AlertEvent } from './events';
import type { ProbeVerdict } from '../types';

type P = ProbeVerdict & { via: string };
const ok = (via: string): P => ({ via, state: 'up', cause: 'expected-status', httpStatus: 200, latencyMs: 3 });
// A path that answered with an error status; 'refused' stands for no answer at all.
const bad = (via: string, status: number | 'refused' = 502): P =>
  status === 'refused' ? { via, state: 'down', cause: 'refused', latencyMs: null } : { via, state: 'down', cause: 'status', httpStatus: status, latencyMs: 3 };
const svc = (id: string, paths: P[], state = 'up') => ({ id, name: id === 'jellyfin' ? 'Jellyfin' : id, state, paths });
const round = (services: ReturnType<typeof svc>[], state = 'running'): RoundView => ({ machines: [{ name: 'mini-vm', state, services }] });

describe('an access hop that fails for every service behind it', () => {
  it('bee fails for both services behind it: one failure naming bee', () => {
    const r = round([svc('jellyfin', [ok('direct'), ok('mini'), bad('bee')]), svc('synapse', [ok('direct'), bad('bee', 503)])]);
    expect(failingHops(r)).toEqual([
      { id: 'hop:mini-vm:bee', hop: 'bee', machine: 'mini-vm', services: [{ service: 'jellyfin', name: 'Jellyfin' }, { service: 'synapse', name: 'synapse' }], reason: 'the service answered HTTP 502' },
    ]);
  });

  it('mini fails, and bee behind it with it: only mini is named', () => {
    const r = round([svc('jellyfin', [ok('direct'), bad('mini'), bad('bee')])]);
    expect(failingHops(r).map((h) => h.hop)).toEqual(['mini']);
  });

  it('not when one service behind the hop still gets through, nor when the service itself is down', () => {
    expect(failingHops(round([svc('jellyfin', [ok('direct'), bad('bee')]), svc('synapse', [ok('direct'), ok('bee')])]))).toEqual([]);
    expect(failingHops(round([svc('jellyfin', [bad('direct', 'refused'), bad('bee')], 'down')]))).toEqual([]);
    expect(failingHops(round([svc('jellyfin', [])]))).toEqual([]);
    expect(failingHops(round([svc('jellyfin', [ok('direct'), bad('bee')])], 'stopped'))).toEqual([]);
  });

  it('changes between rounds', () => {
    const failing = failingHops(round([svc('jellyfin', [ok('direct'), bad('bee')])]));
    expect(hopChanges([], failing)).toEqual({ started: failing, ended: [] });
    expect(hopChanges(failing, failing)).toEqual({ started: [], ended: [] });
    expect(hopChanges(failing, [])).toEqual({ started: [], ended: failing });
  });
});

describe('one alert for the cause', () => {
  it('a stopped machine covers its services; a failing hop covers those behind it', () => {
    expect(coveredServices(round([svc('jellyfin', [], 'vm-stopped')], 'stopped'))).toEqual(new Map([['jellyfin', 'the alert for mini-vm (stopped)']]));
    expect(coveredServices(round([svc('jellyfin', [], 'down')], 'unknown'))).toEqual(new Map());
    const r = round([svc('jellyfin', [bad('bee')], 'down'), svc('synapse', [])]);
    expect(coveredServices(r)).toEqual(new Map([['jellyfin', "the alert for bee's Caddy"]]));
  });

  it("a machine's down event folds the same round's service down events into it", () => {
    const at = 0;
    const events: AlertEvent[] = [
      { type: 'machine-down', incidentId: 1, machine: 'mini-vm', at, state: 'stopped', reason: 'orb reports it stopped' },
      { type: 'down', incidentId: 2, service: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm', at, reason: 'refused' },
      { type: 'down', incidentId: 3, service: 'web', name: 'Web', machine: 'other', at, reason: 'refused' },
    ];
    expect(collapseRound(events)).toEqual([events[0], events[2]]);
  });
});

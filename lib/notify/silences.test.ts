import { describe, expect, it } from 'vitest';
import { activeSilence, createSilence, describeSilence, endSilences, silenceCovers, silenceRequestSchema, type Silence } from './silences';

const T0 = Date.UTC(2026, 4, 1, 10, 0);
const MIN = 60_000;
const make = (over: Partial<Parameters<typeof createSilence>[0]> = {}, targetUp = false, now = T0): Silence => {
  const r = createSilence({ machine: 'mini-vm', service: 'jellyfin', duration: '1h', reason: 'moving the media disk', ...over }, { id: 's1', name: 'Jellyfin', now, targetUp });
  if (!r.ok) throw new Error(r.error);
  return r.silence;
};

describe('the request', () => {
  it('needs a duration from the list and a reason', () => {
    expect(silenceRequestSchema.safeParse({ machine: 'mini-vm', duration: '4h', reason: ' disk ' }).data).toEqual({ machine: 'mini-vm', duration: '4h', reason: 'disk' });
    expect(silenceRequestSchema.safeParse({ machine: 'mini-vm', duration: '2h', reason: 'x' }).success).toBe(false);
    expect(silenceRequestSchema.safeParse({ machine: 'mini-vm', duration: '1h', reason: '   ' }).success).toBe(false);
    expect(silenceRequestSchema.safeParse({ machine: 'mini-vm', duration: '1h', reason: 'x', until: 5 }).success).toBe(false);
  });
});

describe('creating', () => {
  it('1 h and 4 h end at a time; until recovery ends with the target', () => {
    expect(make().until).toBe(T0 + 60 * MIN);
    expect(make({ duration: '4h' }).until).toBe(T0 + 240 * MIN);
    expect(make({ duration: 'recovery' }).until).toBe('recovery');
    expect(make({ service: undefined }).target).toEqual({ machine: 'mini-vm' });
  });

  it('"until it recovers" is refused for something that is up', () => {
    const r = createSilence({ machine: 'mini-vm', service: 'jellyfin', duration: 'recovery', reason: 'x' }, { id: 's', name: 'Jellyfin', now: T0, targetUp: true });
    expect(r).toEqual({ ok: false, error: 'Jellyfin is up: "until it recovers" needs it down; choose 1 h or 4 h.' });
  });
});

describe('what a silence covers, and for how long', () => {
  const service = make();
  const machine = make({ service: undefined, duration: '4h' });

  it('a service silence covers that service only; a machine silence covers the machine and everything on it', () => {
    expect(silenceCovers(service, { machine: 'mini-vm', service: 'jellyfin' })).toBe(true);
    expect(silenceCovers(service, { machine: 'mini-vm', service: 'synapse' })).toBe(false);
    expect(silenceCovers(service, { machine: 'mini-vm' })).toBe(false);
    expect(silenceCovers(machine, { machine: 'mini-vm', service: 'synapse' })).toBe(true);
    expect(silenceCovers(machine, { machine: 'mini-vm' })).toBe(true);
    expect(silenceCovers(machine, { machine: 'other', service: 'synapse' })).toBe(false);
  });

  it('is active from its creation to its end (exclusive), and the longest one is named', () => {
    const about = { machine: 'mini-vm', service: 'jellyfin' };
    expect(activeSilence([service], about, T0 - 1)).toBeNull();
    expect(activeSilence([service], about, T0)).toBe(service);
    expect(activeSilence([service], about, T0 + 60 * MIN - 1)).toBe(service);
    expect(activeSilence([service], about, T0 + 60 * MIN)).toBeNull();
    expect(activeSilence([service, machine], about, T0 + 30 * MIN)).toBe(machine);
    expect(activeSilence([make({ duration: 'recovery' })], about, T0 + 1e9)).not.toBeNull();
  });

  it('ends by itself: at its time, or when the target recovers', () => {
    const rec = { ...make({ duration: 'recovery' }), id: 's2' };
    const all = [service, rec];
    expect(endSilences(all, T0 + 30 * MIN, () => false)).toEqual({ active: all, ended: [] });
    const later = endSilences(all, T0 + 61 * MIN, () => false);
    expect(later.ended).toEqual([{ silence: service, why: 'expired', at: T0 + 60 * MIN }]);
    expect(later.active).toEqual([rec]);
    const back = endSilences(later.active, T0 + 90 * MIN, (t) => t.service === 'jellyfin');
    expect(back).toEqual({ active: [], ended: [{ silence: rec, why: 'recovered', at: T0 + 90 * MIN }] });
  });

  it('says itself for a card', () => {
    expect(describeSilence(service, T0 + 8 * MIN)).toBe('silenced for 52 min more: moving the media disk');
    expect(describeSilence(make({ duration: 'recovery' }), T0)).toBe('silenced until it recovers: moving the media disk');
  });
});

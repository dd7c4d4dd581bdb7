import { describe, expect, it } from 'vitest';
import { diagnoseChain } from '../access-paths';
import { snap, verdict } from '../history/test-helpers';
import type { ComposedSnapshot, ServiceState } from '../types';
import { headline, type Contributor } from '.';

const T0 = Date.UTC(2026, 0, 1);
const round = (services: Record<string, ServiceState>, machine: Parameters<typeof snap>[2] = 'running'): ComposedSnapshot => snap(T0, services, machine);

describe('headline', () => {
  it('says all is well in one line', () => {
    expect(headline(round({ a: 'up', b: 'up', c: 'up' }))).toEqual({ tone: 'good', text: 'All 3 services up', problems: [] });
    expect(headline(round({}))).toMatchObject({ tone: 'good', text: 'No services configured' });
  });

  it('counts the services that are not up, worst first', () => {
    const h = headline(round({ a: 'pending', b: 'down', c: 'up', d: 'degraded', e: 'down' }));
    expect(h).toMatchObject({ tone: 'bad', text: '2 down, 1 pending, 1 degraded' });
    expect(h.problems.map((p) => p.from)).toEqual(['services', 'services', 'services']);
  });

  it('OrbStack or the VM not running masks everything that follows from it', () => {
    const orbStopped = { ...round({ a: 'vm-stopped' }, 'stopped'), orbstack: { state: 'stopped' as const } };
    expect(headline(orbStopped)).toEqual({ tone: 'bad', text: 'OrbStack stopped', problems: [{ from: 'orbstack', text: 'OrbStack stopped', note: false }] });
    expect(headline({ ...orbStopped, orbstack: { state: 'not-installed' } }).text).toBe('OrbStack not found');
    const vm = { ...round({ a: 'vm-stopped', b: 'vm-stopped' }, 'stopped'), checks: [check(false)] };
    expect(headline(vm)).toMatchObject({ tone: 'bad', text: 'mini-vm is not running' });
    expect(headline(round({ a: 'vm-stopped' }, 'stopping')).text).toBe('mini-vm is not running');
  });

  it('a machine orb cannot read is said, and its services still speak', () => {
    expect(headline(round({ a: 'up', b: 'down' }, 'unknown')).text).toBe('mini-vm state unknown, 1 down');
  });

  it('quiet problems ride along with an all-up line, and after the loud ones', () => {
    const s = withPath(round({ a: 'up', b: 'up' }), 'down');
    s.checks = [check(false), check(false)];
    s.machines[0].addressDrift = { expected: '192.168.139.245', observed: '192.168.139.7', ok: false };
    expect(headline(s)).toMatchObject({ tone: 'warn', text: 'All 2 services up · 1 with a broken access path, 2 checks not as the docs say, VM address changed' });
    s.machines[0].services[1].state = 'down';
    expect(headline(s).text).toBe('1 down, 1 with a broken access path, 2 checks not as the docs say, VM address changed');
  });

  it('a starting path counts the same in the chain and in the headline: it works', () => {
    const s = withPath(round({ a: 'up' }), 'starting');
    expect(headline(s).tone).toBe('good');
    expect(diagnoseChain(s.machines[0].services[0].paths!, 'mini-vm').culprit).toBeNull();
    const broken = withPath(round({ a: 'up' }), 'degraded');
    expect(headline(broken).text).toMatch(/broken access path/);
    expect(diagnoseChain(broken.machines[0].services[0].paths!, 'mini-vm').brokenVia).toBe('bee');
  });

  it('takes contributors in order; one that masks ends the list', () => {
    const first: Contributor = { from: 'disk', find: () => [{ text: 'disk full' }] };
    const masking: Contributor = { from: 'power', find: () => [{ text: 'power out', masks: true }] };
    const never: Contributor = { from: 'never', find: () => [{ text: 'not asked' }] };
    expect(headline(round({ a: 'up' }), [first, masking, never])).toMatchObject({ text: 'disk full, power out', problems: [{ from: 'disk' }, { from: 'power' }] });
  });
});

function check(ok: boolean) {
  return { id: 'c', from: 'host', target: '127.0.0.1', expect: 'reachable' as const, observed: ok ? ('reachable' as const) : ('unreachable' as const), ok, reason: '', checkedAt: '' };
}

function withPath(s: ComposedSnapshot, state: ServiceState): ComposedSnapshot {
  const svc = s.machines[0].services[0];
  svc.paths = [
    { via: 'direct', url: svc.url, ...verdict('up'), latencyMs: 3 },
    { via: 'bee', url: svc.url, ...verdict(state), latencyMs: 3 },
  ];
  return s;
}

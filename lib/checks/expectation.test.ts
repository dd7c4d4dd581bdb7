import { describe, expect, it } from 'vitest';
import { judge } from './expectation';

describe('judge', () => {
  it('passes an unreachable target that is expected to be unreachable', () => {
    const r = judge('unreachable', 'unreachable', 'ping: no reply');
    expect(r.ok).toBe(true);
    expect(r.reason).toMatch(/as expected/);
  });
  it('passes a reachable target that is expected to be reachable', () => {
    expect(judge('reachable', 'reachable', 'TCP connect in 3 ms').ok).toBe(true);
  });
  it('flags a target the VM should not reach but does', () => {
    const r = judge('unreachable', 'reachable', 'ping: reply');
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/should not be/);
  });
  it('flags a target that should answer but does not', () => {
    const r = judge('reachable', 'unreachable', 'connection refused');
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/should be/);
  });
  it('never passes when nothing could be observed, whatever was expected', () => {
    expect(judge('unreachable', 'unknown', 'orb not found').ok).toBe(false);
    expect(judge('reachable', 'unknown', 'orb not found').reason).toMatch(/could not tell: orb not found/);
  });
});

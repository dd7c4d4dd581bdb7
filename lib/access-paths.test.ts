import { describe, expect, it } from 'vitest';
import { diagnoseChain, orderPaths } from './access-paths';
import { verdict } from './history/test-helpers';
import type { ServiceState } from './types';

const p = (via: string, state: ServiceState) => ({ via, ...verdict(state), latencyMs: null });

describe('diagnoseChain', () => {
  it('names bee when direct and mini answer but bee does not', () => {
    const d = diagnoseChain([p('direct', 'up'), p('mini', 'up'), p('bee', 'down')], 'mini-vm', 'Jellyfin');
    expect(d.summary).toBe('direct ✓, via mini ✓, via bee ✗');
    expect(d.culprit).toBe("bee's Caddy or the bee → mini hop");
    expect(d.brokenVia).toBe('bee');
    expect(d.links[2].reason).toBe('no answer: connection refused');
  });
  it('blames mini, not bee, when both fail: bee goes through mini', () => {
    const d = diagnoseChain([p('direct', 'up'), p('mini', 'degraded'), p('bee', 'degraded')], 'mini-vm');
    expect(d.culprit).toBe("mini's Caddy or the mini → mini-vm hop");
    expect(d.summary).toBe('direct ✓, via mini ✗, via bee ✗');
  });
  it('blames the service itself when the direct path fails', () => {
    const d = diagnoseChain([p('bee', 'down'), p('mini', 'down'), p('direct', 'down')], 'mini-vm', 'Jellyfin');
    expect(d.brokenVia).toBe('direct');
    expect(d.culprit).toMatch(/^Jellyfin itself/);
    expect(d.summary.startsWith('direct ✗')).toBe(true);
  });
  it('reports nothing broken when every path answers, starting included', () => {
    const d = diagnoseChain([p('direct', 'up'), p('mini', 'starting'), p('bee', 'up')], 'mini-vm');
    expect(d.culprit).toBeNull();
    expect(d.links.map((l) => l.mark)).toEqual(['ok', 'ok', 'ok']);
  });
  it('marks paths not probed (VM stopped) as untested, not broken', () => {
    const d = diagnoseChain([p('direct', 'vm-stopped'), p('bee', 'vm-stopped')], 'mini-vm');
    expect(d.culprit).toBeNull();
    expect(d.summary).toBe('direct ?, via bee ?');
  });
  it('handles a chain without a direct path, and no paths at all', () => {
    expect(diagnoseChain([p('bee', 'down')], 'mini-vm', 'Synapse').culprit).toBe("bee's Caddy, or anything between it and Synapse");
    expect(diagnoseChain([], 'mini-vm')).toMatchObject({ summary: '', culprit: null });
  });
  it('orders direct first and keeps the configured order of the hops', () => {
    expect(orderPaths([{ via: 'mini' }, { via: 'bee' }, { via: 'direct' }]).map((x) => x.via)).toEqual(['direct', 'mini', 'bee']);
  });
});

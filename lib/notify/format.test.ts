import { describe as suite, expect, it } from 'vitest';
import { describe } from './format';

suite('rebuild messages', () => {
  const run = { id: 'r1', target: 'mini-vm', mode: 'switch', durationMs: 90_000 };
  it('exit 0 with failed units is not called a success', () => {
    const m = describe({ type: 'rebuild', run: { ...run, outcome: 'units-failed', exitCode: 0 }, at: 1 });
    expect(m.title).toBe('Rebuild of mini-vm failed');
    expect(m.body).toContain('units-failed');
  });
  it('only a run that succeeded finished', () => {
    expect(describe({ type: 'rebuild', run: { ...run, outcome: 'succeeded', exitCode: 0 }, at: 1 }).title).toBe('Rebuild of mini-vm finished');
  });
});

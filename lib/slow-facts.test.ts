import { describe, expect, it } from 'vitest';
import { SlowFacts } from './slow-facts';

describe('SlowFacts', () => {
  it('reuses a fact until it is maxAgeMs old or its key changes', async () => {
    let now = 0;
    let reads = 0;
    const slow = new SlowFacts(1000, () => now);
    const read = () => slow.get('x', 'running', async () => ++reads);
    expect(await read()).toBe(1);
    now = 999;
    expect(await read()).toBe(1);
    now = 1000;
    expect(await read()).toBe(2);
    expect(await slow.get('x', 'stopped', async () => ++reads)).toBe(3);
    expect(await slow.get('y', 'stopped', async () => ++reads)).toBe(4);
  });

  it('does not remember a result that keep rejects, or a failure', async () => {
    const slow = new SlowFacts(60_000);
    let reads = 0;
    const address = () => slow.get('a', 'k', async () => (++reads < 2 ? undefined : '10.0.0.2'), (v) => v !== undefined);
    expect(await address()).toBeUndefined();
    expect(await address()).toBe('10.0.0.2');
    expect(await address()).toBe('10.0.0.2');
    expect(reads).toBe(2);

    let attempts = 0;
    const flaky = () => slow.get('f', 'k', async () => {
      if (++attempts === 1) throw new Error('boom');
      return 'ok';
    });
    await expect(flaky()).rejects.toThrow('boom');
    expect(await flaky()).toBe('ok');
  });

  it('with maxAgeMs 0, reads every time', async () => {
    const slow = new SlowFacts(0);
    let reads = 0;
    await slow.get('x', 'k', async () => ++reads);
    await slow.get('x', 'k', async () => ++reads);
    expect(reads).toBe(2);
  });
});

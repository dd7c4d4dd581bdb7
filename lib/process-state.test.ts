import { expect, it } from 'vitest';
import { processState } from './process-state';

it('gives every caller the same object, made once', () => {
  let made = 0;
  const a = processState('test-state', () => ({ n: ++made }));
  const b = processState('test-state', () => ({ n: ++made }));
  expect(b).toBe(a);
  expect(made).toBe(1);
  // The key is registered, so a copy of this module in another bundle finds it too.
  expect((globalThis as unknown as Record<symbol, unknown>)[Symbol.for('mini-vm-dashboard.test-state')]).toBe(a);
});

import { describe, expect, it } from 'vitest';
import { linePath } from './line-path';

const box = { width: 100, yZero: 20, yTop: 0, top: 10, dash: 0.5 };

describe('linePath', () => {
  it('joins neighbours and scales the value to the box', () => {
    expect(linePath([0, 10, 5], box)).toBe('M0.0 20.0L50.0 0.0L100.0 10.0');
  });

  it('breaks at a gap and starts again after it', () => {
    expect(linePath([10, 10, null, 0, 0], box)).toBe('M0.0 0.0L25.0 0.0M75.0 20.0L100.0 20.0');
  });

  it('draws a value with no neighbour as a dash, clipped to the box', () => {
    expect(linePath([null, 5, null], box)).toBe('M25.0 10.0L75.0 10.0');
    expect(linePath([5, null, null], box)).toBe('M0.0 10.0L25.0 10.0');
  });

  it('draws nothing without values', () => {
    expect(linePath([null, null], box)).toBe('');
    expect(linePath([], box)).toBe('');
  });
});

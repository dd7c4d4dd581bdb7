import { describe, expect, it } from 'vitest';
import { isOwnKey, ownValue } from './own-key';

describe('own keys', () => {
  const table = { '24h': 1, '7d': 2 };
  it.each(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'])('%s is not a key of a plain table', (k) => {
    expect(k in table).toBe(true);
    expect(isOwnKey(table, k)).toBe(false);
    expect(ownValue(table, k)).toBeUndefined();
  });
  it('finds the table\'s own names, and only strings', () => {
    expect(isOwnKey(table, '7d')).toBe(true);
    expect(ownValue(table, '24h')).toBe(1);
    expect(isOwnKey(table, ['7d'])).toBe(false);
    expect(isOwnKey(table, undefined)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { loginRetryAfter, noteLoginFailure, noteLoginSuccess } from './login-limit';

// The limiter's state is per process; each case uses addresses and a clock of its own.
const HOUR = 3600_000;

describe('login rate limit', () => {
  it('blocks a client after repeated failures, not others, and forgives on success', () => {
    const t = 1 * HOUR;
    for (let i = 0; i < 5; i++) noteLoginFailure('10.0.0.9', t);
    expect(loginRetryAfter('10.0.0.9', t)).toBeGreaterThan(0);
    expect(loginRetryAfter('10.0.0.10', t)).toBe(0);
    noteLoginSuccess('10.0.0.9');
    expect(loginRetryAfter('10.0.0.9', t)).toBe(0);
  });

  it('never refuses a client that has not failed, however many others have', () => {
    const t = 3 * HOUR;
    // 30 failures spread over seven addresses, then more, each once its own block has passed.
    let now = t;
    for (let round = 0; round < 20; round++) {
      for (let c = 1; c <= 7; c++) {
        const client = `10.1.0.${c}`;
        now = Math.max(now, now + loginRetryAfter(client, now));
        noteLoginFailure(client, now);
      }
    }
    expect(loginRetryAfter('10.1.0.99', now)).toBe(0);
    expect(loginRetryAfter('10.1.0.99', now + 1)).toBe(0);
  });

  it('under a LAN-wide run of failures, a failing client is blocked sooner', () => {
    const t = 5 * HOUR;
    for (let c = 1; c <= 40; c++) noteLoginFailure(`10.2.0.${c}`, t);
    // One failure is now enough to make a new client wait; a client with none still may try.
    noteLoginFailure('10.2.1.1', t);
    expect(loginRetryAfter('10.2.1.1', t)).toBeGreaterThan(0);
    expect(loginRetryAfter('10.2.1.2', t)).toBe(0);
  });

  it('a block is not extended by failures reported while it lasts', () => {
    const t = 7 * HOUR;
    for (let i = 0; i < 5; i++) noteLoginFailure('10.3.0.1', t);
    const first = loginRetryAfter('10.3.0.1', t);
    expect(first).toBeGreaterThan(0);
    for (let i = 1; i <= 50; i++) noteLoginFailure('10.3.0.1', t + i);
    expect(t + 50 + loginRetryAfter('10.3.0.1', t + 50)).toBe(t + first);
    // After the block, the next failure doubles it once, not fifty times.
    const after = t + first;
    expect(loginRetryAfter('10.3.0.1', after)).toBe(0);
    noteLoginFailure('10.3.0.1', after);
    expect(loginRetryAfter('10.3.0.1', after)).toBe(2 * first);
  });

  it('the pause is capped at 15 minutes', () => {
    let now = 9 * HOUR;
    for (let i = 0; i < 40; i++) {
      now += loginRetryAfter('10.4.0.1', now);
      noteLoginFailure('10.4.0.1', now);
    }
    expect(loginRetryAfter('10.4.0.1', now)).toBe(15 * 60_000);
  });
});

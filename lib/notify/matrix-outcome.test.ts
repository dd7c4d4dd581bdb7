import { describe, expect, it } from 'vitest';
import { readAnswer, retryAfterMs } from './matrix-outcome';

const answer = (status: number, body: string, retryAfter?: string) => ({ ok: true as const, status, body, retryAfter, ms: 3 });
const ctx = { what: 'send' as const, room: '!r:x' };

describe('reading a homeserver answer', () => {
  it('Retry-After: from the body first, else the header in seconds or as a date', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(retryAfterMs({ retry_after_ms: 1234 }, '9', now)).toBe(1234);
    expect(retryAfterMs({}, '9', now)).toBe(9000);
    expect(retryAfterMs({}, new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(retryAfterMs({}, undefined, now)).toBeUndefined();
    expect(retryAfterMs({ retry_after_ms: 1e12 }, undefined, now)).toBe(24 * 3600_000);
  });

  it('a 429 without a Matrix body still waits as the header asks', () => {
    expect(readAnswer(answer(429, 'slow down', '4'), 'event_id', ctx)).toMatchObject({ code: 'M_LIMIT_EXCEEDED', retryAfterMs: 4000, retryable: true });
  });

  it('a proxy error page is retryable; a 404 page says the address may be wrong', () => {
    expect(readAnswer(answer(502, '<html>Bad Gateway</html>'), 'event_id', ctx)).toMatchObject({ code: 'http-error', retryable: true, status: 502 });
    const nf = readAnswer(answer(404, '<html>not here</html>'), 'event_id', ctx);
    expect(nf).toMatchObject({ code: 'http-error', retryable: false });
    expect('message' in nf && nf.message).toMatch(/right address/);
  });

  it('other Matrix errors keep their errcode', () => {
    expect(readAnswer(answer(400, '{"errcode":"M_BAD_JSON","error":"bad"}'), 'event_id', ctx)).toMatchObject({ code: 'http-error', errcode: 'M_BAD_JSON', retryable: false });
    expect(readAnswer(answer(500, '{"errcode":"M_UNKNOWN","error":"db"}'), 'event_id', ctx)).toMatchObject({ code: 'http-error', retryable: true });
  });

  it('a 200 that is not an object with the field is garbage', () => {
    for (const body of ['', '[]', 'null', '{"event_id":5}', '\u0000garbage']) {
      expect(readAnswer(answer(200, body), 'event_id', ctx)).toMatchObject({ code: 'garbage', retryable: true });
    }
    expect(readAnswer(answer(200, '{"event_id":"$e"}'), 'event_id', ctx)).toEqual({ value: '$e', ms: 3 });
  });
});

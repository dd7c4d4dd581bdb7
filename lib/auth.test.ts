import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSessionValue, requireSameOrigin, verifySessionValue } from './auth';

describe('session cookie', () => {
  beforeEach(() => {
    process.env.DASHBOARD_PASSWORD = 'pw-one';
    process.env.DASHBOARD_SESSION_SECRET = 'a-test-secret-of-enough-length';
  });
  afterEach(() => {
    delete process.env.DASHBOARD_PASSWORD;
    delete process.env.DASHBOARD_SESSION_SECRET;
  });
  it('verifies its own signature and expiry, and rejects tampering', () => {
    const v = createSessionValue(1000);
    expect(verifySessionValue(v, 2000)).toBe(true);
    expect(verifySessionValue(v, 1000 + 13 * 3600_000)).toBe(false);
    const [exp, nonce, sig] = v.split('.');
    expect(verifySessionValue(`${Number(exp) + 1}.${nonce}.${sig}`, 2000)).toBe(false);
    expect(verifySessionValue('garbage', 2000)).toBe(false);
  });
  it('ends when the password changes', () => {
    const v = createSessionValue();
    process.env.DASHBOARD_PASSWORD = 'pw-two';
    expect(verifySessionValue(v)).toBe(false);
  });
});

describe('same-origin check', () => {
  const req = (h: Record<string, string>) => new Request('http://127.0.0.1:3000/api/rebuild', { method: 'POST', headers: { host: '127.0.0.1:3000', ...h } });
  it('accepts the own origin or Sec-Fetch-Site same-origin', () => {
    expect(requireSameOrigin(req({ origin: 'http://127.0.0.1:3000' }))).toBeNull();
    expect(requireSameOrigin(req({ 'sec-fetch-site': 'same-origin' }))).toBeNull();
  });
  it('refuses other origins, cross-site fetches and requests with neither header', () => {
    expect(requireSameOrigin(req({ origin: 'http://evil.example' }))?.status).toBe(403);
    expect(requireSameOrigin(req({ origin: 'http://evil.example', 'sec-fetch-site': 'same-origin' }))?.status).toBe(403);
    expect(requireSameOrigin(req({ 'sec-fetch-site': 'cross-site' }))?.status).toBe(403);
    expect(requireSameOrigin(req({}))?.status).toBe(403);
  });
});

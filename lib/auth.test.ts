import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSessionValue, requireSameOrigin, revokeSessionValue, verifySessionValue } from './auth';

describe('session cookie', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-test-'));
    process.env.DASHBOARD_DATA_DIR = dir;
  });
  afterAll(() => {
    delete process.env.DASHBOARD_DATA_DIR;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    process.env.DASHBOARD_PASSWORD = 'pw-one';
    process.env.DASHBOARD_SESSION_SECRET = 'a-test-secret-of-enough-length';
  });
  afterEach(() => {
    delete process.env.DASHBOARD_PASSWORD;
    delete process.env.DASHBOARD_SESSION_SECRET;
  });
  it('verifies its own signature and expiry, and rejects tampering', () => {
    const v = createSessionValue(1000)!;
    expect(verifySessionValue(v, 2000)).toBe(true);
    expect(verifySessionValue(v, 1000 + 13 * 3600_000)).toBe(false);
    const [exp, id, sig] = v.split('.');
    expect(verifySessionValue(`${Number(exp) + 1}.${id}.${sig}`, 2000)).toBe(false);
    expect(verifySessionValue('garbage', 2000)).toBe(false);
  });
  it('ends when the password changes', () => {
    const v = createSessionValue()!;
    process.env.DASHBOARD_PASSWORD = 'pw-two';
    expect(verifySessionValue(v)).toBe(false);
  });
  it('is valid only while the server holds it: revoking ends it for good', () => {
    const [a, b] = [createSessionValue()!, createSessionValue()!];
    expect(revokeSessionValue(a)).toBe(true);
    expect(verifySessionValue(a)).toBe(false);
    expect(verifySessionValue(b)).toBe(true);
    // A value signed with the right key and password, but never issued, is not a session either.
    const [exp, , sig] = b.split('.');
    expect(verifySessionValue(`${exp}.${'A'.repeat(24)}.${sig}`)).toBe(false);
    expect(revokeSessionValue('not-a-session')).toBe(true);
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

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSessionValue, requireMutation, requireSession, revokeSessionValue, verifySessionValue } from '../auth';
import { failOnStrayErrors } from './strict-process';

failOnStrayErrors();

// A plain file where the data folder should be: the session store can never be opened.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-faults-'));
const dataDir = path.join(dir, 'data');
fs.writeFileSync(dataDir, 'not a folder');
process.env.DASHBOARD_DATA_DIR = dataDir;
process.env.DASHBOARD_PASSWORD = 'pw';
process.env.DASHBOARD_SESSION_SECRET = 'a-test-secret-of-enough-length';
afterAll(() => {
  for (const k of ['DASHBOARD_DATA_DIR', 'DASHBOARD_PASSWORD', 'DASHBOARD_SESSION_SECRET']) delete process.env[k];
  fs.rmSync(dir, { recursive: true, force: true });
});

const post = (cookie?: string) => new Request('http://127.0.0.1:3000/api/rebuild', { method: 'POST', headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', ...(cookie ? { cookie } : {}) } });

describe('a session store that cannot be opened', () => {
  it('issues no session and accepts none: it fails closed', () => {
    expect(createSessionValue()).toBeNull();
    expect(verifySessionValue('1.2.3')).toBe(false);
  });

  it('refuses every change with a 503 that says why, cookie or not', async () => {
    for (const res of [requireSession(post()), requireMutation(post('mvd_session=1.2.3'))]) {
      expect(res?.status).toBe(503);
      const { error } = await res!.json();
      expect(error.code).toBe('session_store_unavailable');
      expect(error.message).toMatch(/Signing in is unavailable: .*SQLite store.*cannot be opened.*(ENOTDIR|EEXIST)/);
    }
  });

  it('still says a value that is not a session needs no revoking', () => {
    expect(revokeSessionValue(undefined)).toBe(true);
    expect(revokeSessionValue('garbage')).toBe(true);
  });
});

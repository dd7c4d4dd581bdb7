import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requireSameOrigin, requireSession } from './auth';
import { errorCodes, jsonError } from './http-errors';
import { checkAccess, lanPolicy } from './lan/policy';
import { checkMutation } from './lan/mutation-check';
import { readJsonBody } from './request-body';

const snake = /^[a-z]+(_[a-z]+)*$/;
const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

// Everything that answers a request: the proxy, the route handlers and what they call.
const serving = ['proxy.ts', ...sources('app/api'), ...sources('lib/lan'), 'lib/auth.ts', 'lib/request-body.ts', ...sources('lib/rebuild')];

async function codeOf(res: Response | { error: Response } | { data: unknown } | null): Promise<string | undefined> {
  if (res === null) return undefined;
  const r = res instanceof Response ? res : 'error' in res ? res.error : null;
  return r ? (await r.json()).error.code : undefined;
}

describe('the error-code vocabulary', () => {
  it('is snake_case throughout, with no duplicates', () => {
    for (const c of errorCodes) expect(c).toMatch(snake);
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
  });

  it('pins the codes clients and tests rely on', () => {
    expect(errorCodes).toEqual(expect.arrayContaining([
      'cross_origin', 'body_too_large', 'host_not_allowed', 'network_not_allowed', 'peer_unknown', 'config_invalid',
      'unauthenticated', 'wrong_password', 'rate_limited', 'not_found', 'busy', 'not_running',
      'unsupported_media_type', 'bad_json', 'invalid_body',
    ]));
  });

  it('is the only source of codes: every literal code in the serving code is in the list', () => {
    const used = new Set<string>();
    for (const f of serving) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      for (const m of text.matchAll(/jsonError\(\s*[\w.]+,\s*'([^']+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\bcode:\s*'([^']+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const c of used) expect(errorCodes, c).toContain(c);
  });

  it('is built by jsonError alone: no file writes an error body by hand', () => {
    const all = ['proxy.ts', ...sources('app'), ...sources('lib'), ...sources('components')].filter((f) => f !== 'lib/http-errors.ts');
    const byHand = all.filter((f) => /(Response\.json|NextResponse\.json|JSON\.stringify)\(\s*\{\s*error\b/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(byHand).toEqual([]);
  });
});

describe('jsonError', () => {
  it('answers { error: { code, message } }, uncached, with extra headers and plain fields', async () => {
    const r = jsonError(429, 'rate_limited', 'wait', { headers: { 'retry-after': '7' }, fields: { id: 'abc', code: 'spoofed' } });
    expect(r.status).toBe(429);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('retry-after')).toBe('7');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    // A field can never replace the code or the message.
    expect(await r.json()).toEqual({ error: { id: 'abc', code: 'rate_limited', message: 'wait' } });
  });
});

describe('the codes each layer emits', () => {
  const post = (h: Record<string, string>, body?: string) => new Request('http://127.0.0.1:3000/api/x', { method: 'POST', headers: { host: '127.0.0.1:3000', ...h }, body });
  const schema = z.object({ a: z.number() }).strict();

  it('the proxy: cross_origin, body_too_large, host_not_allowed, network_not_allowed, peer_unknown', () => {
    expect(checkMutation('POST', new Headers({ host: 'a:1', origin: 'http://evil.example' }))?.code).toBe('cross_origin');
    expect(checkMutation('POST', new Headers({ host: 'a:1', 'content-length': '99999999' }))?.code).toBe('body_too_large');
    const p = lanPolicy({});
    const codes = [checkAccess(p, 'evil.example', '127.0.0.1'), checkAccess(p, 'localhost', '203.0.113.9'), checkAccess(p, 'localhost', null)]
      .map((v) => (v.ok ? null : v.code));
    expect(codes).toEqual(['host_not_allowed', 'network_not_allowed', 'peer_unknown']);
  });

  // requireSession looks at the session store: a folder of its own, not the checkout's data/.
  let dataDir = '';
  beforeAll(() => {
    process.env.DASHBOARD_DATA_DIR = dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-errors-test-'));
  });
  afterAll(() => {
    delete process.env.DASHBOARD_DATA_DIR;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the routes: the same cross_origin and body_too_large, and unauthenticated', async () => {
    expect(await codeOf(requireSameOrigin(post({ origin: 'http://evil.example' })))).toBe('cross_origin');
    expect(await codeOf(requireSession(post({})))).toBe('unauthenticated');
    expect(await codeOf(await readJsonBody(post({ 'content-type': 'application/json' }, 'x'.repeat(5000)), schema))).toBe('body_too_large');
  });

  it('request bodies: unsupported_media_type, bad_json, invalid_body; a good body passes', async () => {
    const json = { 'content-type': 'application/json' };
    expect(await codeOf(await readJsonBody(post({ 'content-type': 'text/plain' }, '{}'), schema))).toBe('unsupported_media_type');
    expect(await codeOf(await readJsonBody(post(json, '{"a":'), schema))).toBe('bad_json');
    expect(await codeOf(await readJsonBody(post(json, '{"a":"x"}'), schema))).toBe('invalid_body');
    expect(await readJsonBody(post(json, '{"a":1}'), schema)).toEqual({ data: { a: 1 } });
  });
});

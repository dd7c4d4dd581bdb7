import { expect, test, type APIResponse } from '@playwright/test';
import { raw } from './harness/dashboard';
import { lab, mainPort } from './lab';
import { apiSignIn, rebuildLab, sameOrigin, settleAndReset, startRun, waitForOutcome } from './rebuild-helpers';

test.beforeEach(({ request, baseURL }) => settleAndReset(request, baseURL!));

test('without a session POST /api/rebuild is 401; cross-origin is 403; neither starts anything', async ({ request, baseURL }) => {
  const base = baseURL!;
  // Other specs run rebuilds on this dashboard too: what counts is that none starts here.
  const t0 = Date.now();
  const none = await request.post('/api/rebuild', { headers: sameOrigin(base), data: { target: 'mini-vm', mode: 'switch' } });
  expect(none.status()).toBe(401);
  expect(await codeOf(none)).toBe('unauthenticated');
  await apiSignIn(request, base);
  const variants: Record<string, string>[] = [
    { origin: 'http://evil.example', 'content-type': 'application/json' },
    { origin: 'null', 'content-type': 'application/json' },
    { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
    { 'content-type': 'application/json' },
  ];
  for (const headers of variants) {
    const r = await request.post('/api/rebuild', { headers, data: { target: 'mini-vm', mode: 'switch' } });
    expect(r.status(), JSON.stringify(headers)).toBe(403);
    // The first three are refused by the proxy, the last by the route: the same code either way.
    expect(await codeOf(r), JSON.stringify(headers)).toBe('cross_origin');
  }
  const cancel = await request.post('/api/rebuild/abcdefgh-0123abcd/cancel', { headers: { origin: 'http://evil.example' } });
  expect(cancel.status()).toBe(403);
  const list = await (await request.get('/api/rebuild')).json();
  expect(list.current).toBeNull();
  expect(startedSince(list.runs, t0)).toHaveLength(0);
  // Bad bodies are refused with a reason and a code, not a crash.
  // Playwright JSON-encodes a string body sent as application/json; a Buffer goes as it is.
  const refusals: [string, string | Buffer | object, number, string][] = [
    ['text/plain', '{}', 415, 'unsupported_media_type'],
    ['application/json', Buffer.from('{"mode":'), 400, 'bad_json'],
    ['application/json', { target: 'mini-vm', mode: 'reboot' }, 400, 'invalid_body'],
    ['application/json', { target: 'nope' }, 400, 'rebuild_unavailable'],
    ['application/json', { x: 'y'.repeat(10_000) }, 413, 'body_too_large'],
  ];
  for (const [type, data, status, code] of refusals) {
    const r = await request.post('/api/rebuild', { headers: { origin: base, 'content-type': type }, data });
    expect([r.status(), await codeOf(r)]).toEqual([status, code]);
    if (code === 'invalid_body') expect((await r.json()).error.message).toMatch(/mode/);
  }
  for (const path of ['/api/rebuild/..%2F..%2Fetc', '/api/rebuild/abcdefgh-0123abcd', '/api/rebuild/abcdefgh-0123abcd/events', '/api/rebuild/abcdefgh-0123abcd/log']) {
    const r = await request.get(path);
    expect([r.status(), await codeOf(r)], path).toEqual([404, 'not_found']);
  }
});

test('sign-in: wrong passwords are refused and rate-limited per client; the cookie is HttpOnly and SameSite=Strict', async ({ request, baseURL }) => {
  // The guesses come from another loopback address (127.0.0.2), so their lock-out does not reach the
  // other tests; a forged X-Forwarded-For must not move them into a bucket of their own.
  const headers = { ...sameOrigin(baseURL!), 'x-forwarded-for': '203.0.113.77' };
  const signInAsOtherClient = async (headers: Record<string, string>, password: string) => {
    const body = JSON.stringify({ password });
    const r = await raw(mainPort, { method: 'POST', path: '/api/session', localAddress: '127.0.0.2', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, body });
    return { status: r.status, code: (JSON.parse(r.body) as { error?: { code?: string } }).error?.code, headers: r.headers };
  };
  for (let i = 0; i < 5; i++) {
    const wrong = await signInAsOtherClient(headers, `guess-${i}`);
    expect([wrong.status, wrong.code]).toEqual([401, 'wrong_password']);
  }
  const limited = await signInAsOtherClient({ ...headers, 'x-forwarded-for': '203.0.113.78' }, 'demo-password');
  expect([limited.status, limited.code]).toEqual([429, 'rate_limited']);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  const ok = await request.post('/api/session', { headers: sameOrigin(baseURL!), data: { password: 'demo-password' } });
  expect(ok.status()).toBe(200);
  const cookie = ok.headers()['set-cookie'];
  expect(cookie).toMatch(/mvd_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+/);
  expect(JSON.stringify(await ok.json())).not.toContain('demo-password');
  const cross = await request.post('/api/session', { headers: { origin: 'http://evil.example', 'content-type': 'application/json' }, data: { password: 'demo-password' } });
  expect(cross.status()).toBe(403);
  expect((await request.delete('/api/session', { headers: { origin: baseURL! } })).headers()['set-cookie']).toMatch(/Max-Age=0/);
  expect((await request.post('/api/rebuild', { headers: sameOrigin(baseURL!), data: {} })).status()).toBe(401);
});

test('20 concurrent starts make exactly one run; the others get 409 with its id', async ({ request, baseURL }) => {
  // Held until every answer is in: the first run must still be going when the last start arrives.
  await rebuildLab().scenario('nothing-to-build', { speed: 4, holds: ['evaluated'] });
  await apiSignIn(request, baseURL!);
  const t0 = Date.now();
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => request.post('/api/rebuild', { headers: sameOrigin(baseURL!), data: { target: 'mini-vm', mode: 'switch' } })),
  );
  const codes = answers.map((r) => r.status());
  expect(codes.filter((c) => c === 202)).toHaveLength(1);
  expect(codes.filter((c) => c === 409)).toHaveLength(19);
  const id = (await answers[codes.indexOf(202)].json()).id;
  for (const r of answers.filter((a) => a.status() === 409)) expect((await r.json()).error).toMatchObject({ code: 'busy', id });
  await rebuildLab().release();
  const run = await waitForOutcome(request, baseURL!, id);
  expect(run.outcome).toBe('succeeded');
  expect(startedSince((await (await request.get('/api/rebuild')).json()).runs, t0)).toEqual([id]);
});

test('the event stream replays the log, resumes after Last-Event-ID, and the log downloads', async ({ request, baseURL }) => {
  const id = await startRun(request, baseURL!, 'failed-units', { speed: 4 });
  const run = await waitForOutcome(request, baseURL!, id);
  expect(run).toMatchObject({ outcome: 'units-failed', exitCode: 4, progress: { failedUnits: ['mautrix-telegram.service'] } });
  const all = await (await fetch(`${baseURL}/api/rebuild/${id}/events`)).text();
  const ids = [...all.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
  expect(ids[0]).toBe(1);
  expect(all).toMatch(/event: end\ndata: .*"outcome":"units-failed"/);
  // Each line comes with the server's verdict; the browser draws it and decides nothing.
  const lines = [...all.matchAll(/^event: line\ndata: (.*)$/gm)].map((m) => JSON.parse(m[1]) as { text: string; level?: string });
  expect(lines.find((l) => l.text === 'warning: the following units failed: mautrix-telegram.service')?.level).toBe('error');
  expect(lines.find((l) => l.text.startsWith('[dashboard] $ '))?.level).toBe('note');
  expect(lines.find((l) => /^these \d+ derivations will be built/.test(l.text))).not.toHaveProperty('level');
  const resumed = await (await fetch(`${baseURL}/api/rebuild/${id}/events`, { headers: { 'last-event-id': '5' } })).text();
  expect([...resumed.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual(ids.filter((n) => n > 5));
  const log = await request.get(`/api/rebuild/${id}/log`);
  expect(log.headers()['content-disposition']).toContain('attachment');
  const text = await log.text();
  expect(text.trim().split('\n')).toHaveLength(ids.length);
  expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z warning: the following units failed: mautrix-telegram\.service$/m);
});

const startedSince = (runs: { id: string; startedAt: number }[], t: number) => runs.filter((r) => r.startedAt >= t).map((r) => r.id);
const codeOf = async (r: APIResponse) => (await r.json().catch(() => null))?.error?.code as string | undefined;

import { expect, test } from '@playwright/test';
import { raw } from './harness/dashboard';
import { lab, mainPort } from './lab';
import { apiSignIn, sameOrigin, settleAndReset, startRun, waitForOutcome } from './rebuild-helpers';

test.beforeEach(({ request, baseURL }) => settleAndReset(request, baseURL!));

test('without a session POST /api/rebuild is 401; cross-origin is 403; neither starts anything', async ({ request, baseURL }) => {
  const base = baseURL!;
  const none = await request.post('/api/rebuild', { headers: sameOrigin(base), data: { target: 'mini-vm', mode: 'switch' } });
  expect(none.status()).toBe(401);
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
  }
  const cancel = await request.post('/api/rebuild/abcdefgh-0123abcd/cancel', { headers: { origin: 'http://evil.example' } });
  expect(cancel.status()).toBe(403);
  const list = await (await request.get('/api/rebuild')).json();
  expect(list.current).toBeNull();
  expect(list.runs).toHaveLength(0);
  // Bad bodies are refused with a reason, not a crash.
  expect((await request.post('/api/rebuild', { headers: { origin: base, 'content-type': 'text/plain' }, data: '{}' })).status()).toBe(415);
  expect((await request.post('/api/rebuild', { headers: sameOrigin(base), data: '{"mode":' })).status()).toBe(400);
  const bad = await request.post('/api/rebuild', { headers: sameOrigin(base), data: { target: 'mini-vm', mode: 'reboot' } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/mode/);
  expect((await request.post('/api/rebuild', { headers: sameOrigin(base), data: { target: 'nope' } })).status()).toBe(400);
  expect((await request.post('/api/rebuild', { headers: sameOrigin(base), data: { x: 'y'.repeat(10_000) } })).status()).toBe(413);
  expect((await request.get('/api/rebuild/..%2F..%2Fetc')).status()).toBe(404);
});

test('sign-in: wrong passwords are refused and rate-limited per client; the cookie is HttpOnly and SameSite=Strict', async ({ request, baseURL }) => {
  // The guesses come from another loopback address (127.0.0.2), so their lock-out does not reach the
  // other tests; a forged X-Forwarded-For must not move them into a bucket of their own.
  const headers = { ...sameOrigin(baseURL!), 'x-forwarded-for': '203.0.113.77' };
  const signInAsOtherClient = (headers: Record<string, string>, password: string) => {
    const body = JSON.stringify({ password });
    return raw(mainPort, { method: 'POST', path: '/api/session', localAddress: '127.0.0.2', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, body });
  };
  for (let i = 0; i < 5; i++) expect((await signInAsOtherClient(headers, `guess-${i}`)).status).toBe(401);
  const limited = await signInAsOtherClient({ ...headers, 'x-forwarded-for': '203.0.113.78' }, 'demo-password');
  expect(limited.status).toBe(429);
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
  await lab.rebuild('nothing-to-build', { speed: 4 });
  await apiSignIn(request, baseURL!);
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => request.post('/api/rebuild', { headers: sameOrigin(baseURL!), data: { target: 'mini-vm', mode: 'switch' } })),
  );
  const codes = answers.map((r) => r.status());
  expect(codes.filter((c) => c === 202)).toHaveLength(1);
  expect(codes.filter((c) => c === 409)).toHaveLength(19);
  const id = (await answers[codes.indexOf(202)].json()).id;
  for (const r of answers.filter((a) => a.status() === 409)) expect((await r.json()).error.id).toBe(id);
  const run = await waitForOutcome(request, baseURL!, id);
  expect(run.outcome).toBe('succeeded');
  expect((await (await request.get('/api/rebuild')).json()).runs).toHaveLength(1);
});

test('the event stream replays the log, resumes after Last-Event-ID, and the log downloads', async ({ request, baseURL }) => {
  const id = await startRun(request, baseURL!, 'failed-units', { speed: 4 });
  const run = await waitForOutcome(request, baseURL!, id);
  expect(run).toMatchObject({ outcome: 'units-failed', exitCode: 4, progress: { failedUnits: ['mautrix-telegram.service'] } });
  const all = await (await fetch(`${baseURL}/api/rebuild/${id}/events`)).text();
  const ids = [...all.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
  expect(ids[0]).toBe(1);
  expect(all).toMatch(/event: end\ndata: .*"outcome":"units-failed"/);
  const resumed = await (await fetch(`${baseURL}/api/rebuild/${id}/events`, { headers: { 'last-event-id': '5' } })).text();
  expect([...resumed.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual(ids.filter((n) => n > 5));
  const log = await request.get(`/api/rebuild/${id}/log`);
  expect(log.headers()['content-disposition']).toContain('attachment');
  const text = await log.text();
  expect(text.trim().split('\n')).toHaveLength(ids.length);
  expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z warning: the following units failed: mautrix-telegram\.service$/m);
});

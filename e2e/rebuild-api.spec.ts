import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { configWith, memoryOf, startDashboard, type Dashboard } from './dashboard-server';
import { lab } from './lab';
import { apiSignIn, apiStart, sameOrigin, settle, waitForOutcome } from './rebuild-helpers';

test.beforeEach(async ({ request, baseURL }) => {
  await settle(request, baseURL!);
  await lab.reset();
});

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
  // A forwarded address of its own, so this test's failures do not lock out the other tests.
  const headers = { ...sameOrigin(baseURL!), 'x-forwarded-for': '203.0.113.77' };
  for (let i = 0; i < 5; i++) expect((await request.post('/api/session', { headers, data: { password: `guess-${i}` } })).status()).toBe(401);
  const limited = await request.post('/api/session', { headers, data: { password: 'demo-password' } });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
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
  await lab.rebuild('failed-units', { speed: 4 });
  await apiSignIn(request, baseURL!);
  const id = await apiStart(request, baseURL!);
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

const HEAP_MB = Number(process.env.REBUILD_TEST_HEAP_MB ?? 64);

test.describe('with a second dashboard process', () => {
  const root = path.resolve('test-results/rebuild-server');
  let dash: Dashboard | undefined;
  test.beforeEach(() => fs.rmSync(root, { recursive: true, force: true }));
  test.afterEach(async () => {
    await dash?.stop('SIGKILL');
    dash = undefined;
  });

  test('a run going when the server dies is interrupted at the next start, with its log intact', async ({ playwright }) => {
    const dataDir = path.join(root, 'data');
    dash = await startDashboard({ dataDir });
    const api = await playwright.request.newContext();
    await apiSignIn(api, dash.url);
    await lab.rebuild('build-several', { speed: 1 });
    const id = await apiStart(api, dash.url);
    const logFile = path.join(dataDir, 'rebuilds', `${id}.log`);
    await expect.poll(() => fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8').includes("building '/nix/store/"), { timeout: 15_000 }).toBe(true);
    const before = fs.readFileSync(logFile, 'utf8');
    await dash.stop('SIGKILL');

    dash = await startDashboard({ dataDir });
    const run = await (await api.get(`${dash.url}/api/rebuild/${id}`)).json();
    expect(run.outcome).toBe('interrupted');
    expect(run.summary).toMatch(/dashboard stopped/);
    expect((await (await api.get(`${dash.url}/api/rebuild`)).json()).current).toBeNull();
    const after = await (await api.get(`${dash.url}/api/rebuild/${id}/log`)).text();
    expect(after.startsWith(before)).toBe(true);
    expect(after).toContain('these 7 derivations will be built:');
    // The signing key lives in the data dir, so the session survived the restart too.
    expect((await api.post(`${dash.url}/api/rebuild/${id}/cancel`, { headers: sameOrigin(dash.url) })).status()).toBe(409);
    await api.dispose();
  });

  test('50 MB of output is streamed to disk up to the cap, then marked truncated, without being held in memory', async ({ playwright }) => {
    const cap = 4 * 1024 * 1024;
    const config = configWith(`rebuild: { flake: /Users/ivan/mini-vm, logCapBytes: ${cap} }`, path.join(root, 'config.yaml'));
    const dataDir = path.join(root, 'data');
    // A small heap: a server that kept 50 MB of output in memory would die of it.
    dash = await startDashboard({ dataDir, config, env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` } });
    const api = await playwright.request.newContext();
    await apiSignIn(api, dash.url);
    // A 10 MB run first: it loads the code and lets the heap reach its working size. Had the
    // output been kept in memory, 50 MB would then need some 40 MB more than 10 MB did.
    await lab.rebuild('flood', { bytes: 10 * 1024 * 1024 });
    await waitForOutcome(api, dash.url, await apiStart(api, dash.url));
    const baseline = memoryOf(dash.pid).peak;
    await lab.rebuild('flood', { bytes: 50 * 1024 * 1024 });
    const id = await apiStart(api, dash.url);
    const run = await waitForOutcome(api, dash.url, id, 60_000);
    expect(run).toMatchObject({ outcome: 'succeeded', exitCode: 0, truncated: true });
    const grew = memoryOf(dash.pid).peak - baseline;
    console.log(`peak memory grew by ${Math.round(grew / 1048576)} MB`);
    expect(grew, `peak memory grew by ${Math.round(grew / 1048576)} MB`).toBeLessThan(20 * 1024 * 1024);

    const file = path.join(dataDir, 'rebuilds', `${id}.log`);
    expect(fs.statSync(file).size).toBeLessThan(cap + 4096);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    const numbers = lines.flatMap((l) => l.match(/flood> line (\d+)/)?.[1] ?? []).map(Number);
    // Nothing lost before the cap: lines 1..K, in order, filling the cap.
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const mark = lines.findIndex((l) => l.includes('[dashboard] log truncated'));
    expect(mark).toBeGreaterThan(numbers.length);
    const kept = lines.slice(0, mark).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    expect(kept).toBeGreaterThan(cap - 512);
    expect(lines.at(-1)).toMatch(/\[dashboard\] finished: succeeded \(exit code 0\)/);
    await api.dispose();
  });

  test('without a flake the control says what to set; without a password rebuilding is disabled', async ({ playwright }) => {
    const api = await playwright.request.newContext();
    dash = await startDashboard({ dataDir: path.join(root, 'a'), config: configWith(null, path.join(root, 'no-flake.yaml')) });
    await apiSignIn(api, dash.url);
    const r = await api.post(`${dash.url}/api/rebuild`, { headers: sameOrigin(dash.url), data: { target: 'mini-vm', mode: 'switch' } });
    expect(r.status()).toBe(400);
    expect((await r.json()).error.message).toMatch(/set rebuild\.flake/);
    expect(await (await api.get(`${dash.url}/`)).text()).toContain('no flake is configured: set rebuild.flake');
    await dash.stop();

    dash = await startDashboard({ dataDir: path.join(root, 'b'), env: { DASHBOARD_PASSWORD: undefined } });
    const s = await (await api.get(`${dash.url}/api/session`)).json();
    expect(s).toMatchObject({ enabled: false, signedIn: false });
    expect(s.reason).toMatch(/DASHBOARD_PASSWORD/);
    expect((await api.post(`${dash.url}/api/session`, { headers: sameOrigin(dash.url), data: { password: 'demo-password' } })).status()).toBe(503);
    const html = await (await api.get(`${dash.url}/`)).text();
    expect(html).toContain('Rebuilding is disabled: set DASHBOARD_PASSWORD');
    expect(html).not.toContain('demo-password');
    await api.dispose();
  });
});

import path from 'node:path';
import { configWith, expect, memoryOf, test } from './harness/dashboard';
import { apiSignIn, apiStart, followToEnd, openEvents, rebuildLab, sameOrigin, settleAndReset, startRun, waitForEnd, type EventConnection } from './rebuild-helpers';

// Hostile clients of the rebuild API: event streams that never read, a rollback without its
// confirmation, and anonymous readers of the run list.

test.beforeEach(({ request, baseURL }) => settleAndReset(request, baseURL!));
// Each starts a dashboard of its own (and restarts it): minutes on a loaded 2-core machine.
test.describe.configure({ timeout: 180_000 });

const MB = 1024 * 1024;

test('stalled event-stream clients cost a bounded amount each: closed with a reason, and they resume from the log', async ({ launch, playwright }) => {
  const root = test.info().outputDir;
  const config = configWith(`rebuild: { flake: /Users/ivan/mini-vm, logCapBytes: ${64 * MB} }`, path.join(root, 'config.yaml'));
  const dash = await launch({ lab: 'main', auth: 'demo', config, dataDir: path.join(root, 'data') });
  const lab = rebuildLab();
  const api = await playwright.request.newContext();
  // Held before the flood, so every client is there from its first line; held again after 16 MB.
  const id = await startRun(api, dash.url, 'flood', { bytes: 40 * MB, holds: ['evaluated', 'flooded'] });
  await lab.heldAt('evaluated');
  const stalled: EventConnection[] = [];
  for (let i = 0; i < 10; i++) {
    const s = await openEvents(`${dash.url}/api/rebuild/${id}/events`);
    s.pause();
    stalled.push(s);
  }
  const reader = followToEnd(`${dash.url}/api/rebuild/${id}/events`);
  const before = memoryOf(dash.pid).now;
  await lab.release();
  let peak = before;
  await expect.poll(async () => {
    peak = Math.max(peak, memoryOf(dash.pid).now);
    return (await lab.state()).held?.point ?? null;
  }, { timeout: 120_000, intervals: [200] }).toBe('flooded');
  const grew = Math.round((peak - before) / MB);
  console.log(`RSS grew by ${grew} MB with 10 stalled clients and one reader during the first 16 MB of a log`);
  // Unbounded, each stalled client held what it was sent (some 33 MB each here). What remains is
  // mostly V8's headroom for this rate of output; npm run soak measures the figure itself.
  expect.soft(grew, 'RSS growth, MB').toBeLessThan(200);

  // Each stalled client, once it reads again, finds what it was sent and the reason it was let go.
  for (const s of stalled) s.resume();
  for (const s of stalled) {
    expect(await s.ended).toBe('end');
    const last = s.events.at(-1);
    expect(last?.event).toBe('closing');
    expect(JSON.parse(last!.data!)).toMatchObject({ reason: 'too-far-behind', lastEventId: s.lastId });
    expect(s.lastId).toBeGreaterThan(0);
  }
  await lab.release();
  expect((await waitForEnd(api, dash.url, id, 120_000)).outcome).toBe('succeeded');
  // A reader that reads (reconnecting, as a browser does, whenever it falls behind) sees the end.
  const followed = await reader;
  // One of them resumes where it stopped: everything after its last id, from the log on disk.
  const resumed = await openEvents(`${dash.url}/api/rebuild/${id}/events`, { 'last-event-id': String(stalled[0].lastId) });
  expect(await resumed.ended).toBe('end');
  expect(resumed.events.at(-1)!.event).toBe('end');
  expect(resumed.lastId).toBe(followed.lastId);
  await api.dispose();
});

test('a rollback through the API needs the same explicit confirmation as the page', async ({ request, baseURL }) => {
  await rebuildLab().scenario('nothing-to-build', { speed: 4 });
  await apiSignIn(request, baseURL!);
  const bare = await request.post('/api/rebuild', { headers: sameOrigin(baseURL!), data: { target: 'mini-vm', mode: 'rollback' } });
  expect(bare.status()).toBe(400);
  expect((await bare.json()).error).toMatchObject({ code: 'invalid_body' });
  expect((await bare.json()).error.message).toMatch(/confirm/);
  expect((await (await request.get('/api/rebuild')).json()).current).toBeNull();
  const confirmed = await request.post('/api/rebuild', { headers: sameOrigin(baseURL!), data: { target: 'mini-vm', mode: 'rollback', confirm: 'rollback' } });
  expect(confirmed.status()).toBe(202);
  expect((await waitForEnd(request, baseURL!, (await confirmed.json()).id)).outcome).toBe('succeeded');
});

test('runs and logs are readable without signing in, but the client address only by a signed-in admin', async ({ request, baseURL, playwright }) => {
  await rebuildLab().scenario('nothing-to-build', { speed: 4 });
  await apiSignIn(request, baseURL!);
  const id = await apiStart(request, baseURL!);
  await waitForEnd(request, baseURL!, id);
  expect((await (await request.get(`/api/rebuild/${id}`)).json()).client).toBe('127.0.0.1');

  const anon = await playwright.request.newContext({ baseURL });
  const list = await (await anon.get('/api/rebuild')).json();
  expect(list.runs.map((r: { id: string }) => r.id)).toContain(id);
  expect(list.runs[0].client ?? null).toBeNull();
  expect((await (await anon.get(`/api/rebuild/${id}`)).json()).client ?? null).toBeNull();
  const events = await openEvents(`${baseURL}/api/rebuild/${id}/events`);
  await events.ended;
  expect(events.events.some((e) => e.event === 'line')).toBe(true);
  expect(events.events.filter((e) => e.event === 'state' || e.event === 'end').some((e) => e.data!.includes('127.0.0.1'))).toBe(false);
  expect((await anon.get(`/api/rebuild/${id}/log`)).status()).toBe(200);
  for (const page of ['/rebuilds', `/rebuilds/${id}`]) {
    const html = await (await anon.get(page)).text();
    expect(html, page).not.toContain('127.0.0.1');
  }
  await anon.dispose();
});

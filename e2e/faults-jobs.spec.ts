import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './harness/dashboard';
import { phoneDark, shot } from './lab';
import { alive, apiSignIn, apiStart, openEvents, rebuildLab, sameOrigin, settleAndReset, startRun, waitForEnd } from './rebuild-helpers';

// Faults around a job's process: the dashboard killed or stopped while a rebuild runs, and a
// rebuild that outlives its orb client inside the VM. Each dashboard here has a lab of its own.

test.beforeEach(({ request, baseURL }) => settleAndReset(request, baseURL!));
// Each starts a dashboard of its own (and restarts it): minutes on a loaded 2-core machine.
test.describe.configure({ timeout: 180_000 });

const start = (url: string) => ({ headers: sameOrigin(url), data: { target: 'mini-vm', mode: 'switch' } });

test('a run left by a killed dashboard is found again: orphaned, shown, cancellable, and no second switch starts beside it', async ({ launch, playwright, browser }) => {
  // Two starts of a dashboard and eight page loads, with screenshots.
  test.setTimeout(300_000);
  const dash = await launch({ auth: 'demo' });
  const lab = rebuildLab(dash.lab);
  const api = await playwright.request.newContext();
  const id = await startRun(api, dash.url, 'hang', {}, dash.lab);
  await expect.poll(async () => (await api.get(`${dash.url}/api/rebuild/${id}/log`)).text()).toContain('building the system configuration...');
  await dash.kill('SIGKILL');
  // Killing the dashboard does not end the rebuild: it runs on without a supervisor.
  expect((await lab.state()).processes).toHaveLength(1);

  await dash.restart();
  const again = await api.post(`${dash.url}/api/rebuild`, start(dash.url));
  expect.soft(again.status(), 'a new start while the orphan lives').toBe(409);
  expect.soft((await again.json()).error).toMatchObject({ code: 'busy', id });
  expect.soft((await lab.state()).overlaps, 'two switches at once').toEqual([]);
  const run = await (await api.get(`${dash.url}/api/rebuild/${id}`)).json();
  expect(run.outcome).toBe('orphaned');
  expect(run.summary).toMatch(/earlier dashboard process/);
  expect((await (await api.get(`${dash.url}/api/rebuild`)).json()).current).toBe(id);

  // Shown as such on the run page and in the Rebuild panel, desktop and phone.
  const ctx = await browser.newContext();
  await apiSignIn(ctx.request, dash.url);
  const page = await ctx.newPage();
  await page.goto(`${dash.url}/rebuilds/${id}`);
  await expect(page.getByTestId('rebuild-outcome')).toHaveText(/Orphaned/);
  await expect(page.getByTestId('orphan-note')).toContainText('earlier dashboard process');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeVisible();
  await shot(page, 'rebuild-orphan');
  await page.goto(`${dash.url}/`);
  await expect(page.getByTestId('current-run-link')).toContainText('still running');
  await shot(page, 'rebuild-panel-orphan');
  const phone = await phoneDark(browser);
  await apiSignIn(phone.request, dash.url);
  const small = await phone.newPage();
  await small.goto(`${dash.url}/rebuilds/${id}`);
  await expect(small.getByTestId('rebuild-outcome')).toHaveText(/Orphaned/);
  await shot(small, 'rebuild-orphan-phone-dark');
  await small.goto(`${dash.url}/`);
  await expect(small.getByTestId('current-run-link')).toContainText('still running');
  await shot(small, 'rebuild-panel-orphan-phone-dark');
  await phone.close();

  // Cancel reaches the orphan's process group, and the page says how it ended.
  await page.goto(`${dash.url}/rebuilds/${id}`);
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByTestId('rebuild-run')).toHaveAttribute('data-outcome', 'cancelled', { timeout: 15_000 });
  expect((await lab.state()).processes).toEqual([]);
  await ctx.close();

  await lab.scenario('nothing-to-build', { speed: 4 });
  const next = await apiStart(api, dash.url);
  expect((await waitForEnd(api, dash.url, next)).outcome).toBe('succeeded');
  expect((await lab.state()).overlaps).toEqual([]);
  await api.dispose();
});

test('a rebuild still running inside the VM after its orb client was killed blocks new starts until it ends', async ({ launch, playwright }) => {
  const dash = await launch({ auth: 'demo' });
  const lab = rebuildLab(dash.lab);
  await lab.orbDetached(true);
  const api = await playwright.request.newContext();
  const id = await startRun(api, dash.url, 'hang', {}, dash.lab);
  await expect.poll(async () => (await lab.state()).processes.length).toBe(1);
  expect((await api.post(`${dash.url}/api/rebuild/${id}/cancel`, { headers: sameOrigin(dash.url) })).status()).toBe(202);
  expect((await waitForEnd(api, dash.url, id)).outcome).toBe('cancelled');
  // The orb client is gone; the nixos-rebuild it started is not.
  expect((await lab.state()).processes).toHaveLength(1);

  const refused = await api.post(`${dash.url}/api/rebuild`, start(dash.url));
  expect.soft((await lab.state()).overlaps, 'two switches at once').toEqual([]);
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toMatch(/already running inside mini-vm \(\d+ nixos-rebuild switch/);
  await lab.kill();
  await lab.scenario('nothing-to-build', { speed: 4 });
  const next = await apiStart(api, dash.url);
  expect((await waitForEnd(api, dash.url, next)).outcome).toBe('succeeded');
  await api.dispose();
});

test('SIGTERM with event streams open: each stream is told the server is stopping, the run is stopped and recorded, and the process exits within 5 s', async ({ launch, playwright }) => {
  const dash = await launch({ auth: 'demo' });
  const lab = rebuildLab(dash.lab);
  const api = await playwright.request.newContext();
  const id = await startRun(api, dash.url, 'hang', {}, dash.lab);
  const streams = await Promise.all([0, 1, 2].map(() => openEvents(`${dash.url}/api/rebuild/${id}/events`)));
  for (const s of streams) await expect.poll(() => s.events.some((e) => e.data?.includes('building the system configuration'))).toBe(true);
  const pid = dash.pid;
  const t0 = Date.now();
  process.kill(pid, 'SIGTERM');
  await expect.poll(() => alive(pid), { timeout: 60_000, intervals: [50] }).toBe(false);
  const took = Date.now() - t0;
  console.log(`the server exited ${took} ms after SIGTERM`);
  expect.soft(took, 'exit after SIGTERM, ms').toBeLessThan(5000);
  for (const s of streams) {
    expect(await s.ended).toBe('end');
    const last = s.events.at(-1)!;
    expect(last.event).toBe('closing');
    expect(JSON.parse(last.data!)).toMatchObject({ reason: 'server-stopping' });
  }
  // Nothing is left running unsupervised, and the record says what happened.
  expect((await lab.state()).processes).toEqual([]);
  await dash.restart();
  const run = await (await api.get(`${dash.url}/api/rebuild/${id}`)).json();
  expect(run).toMatchObject({ outcome: 'interrupted' });
  expect(run.summary).toMatch(/dashboard was stopped/);
  await api.dispose();
});

test('a run cut short by a crash keeps the progress it made; it ended at its last log line', async ({ launch, playwright }) => {
  const dataDir = path.join(test.info().outputDir, 'data');
  const dash = await launch({ auth: 'demo', dataDir });
  const lab = rebuildLab(dash.lab);
  const api = await playwright.request.newContext();
  const id = await startRun(api, dash.url, 'build-several', { speed: 2, holds: ['built:4'] }, dash.lab);
  await lab.heldAt('built:4');
  await expect.poll(async () => (await (await api.get(`${dash.url}/api/rebuild/${id}`)).json()).progress.built, { timeout: 10_000 }).toBe(4);
  const logFile = path.join(dataDir, 'jobs', `${id}.log`);
  await dash.kill('SIGKILL');
  // Released with nobody reading its output, the fake dies of the broken pipe or runs to its end.
  await lab.release();
  await expect.poll(async () => (await lab.state()).processes.length, { timeout: 20_000 }).toBe(0);
  await dash.restart();
  const run = await (await api.get(`${dash.url}/api/rebuild/${id}`)).json();
  expect(run.outcome).toBe('interrupted');
  expect(run.progress).toMatchObject({ phase: 'building', built: 4, total: 7 });
  const text = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n');
  const lastAt = Date.parse(text.at(-1)!.split(' ')[0]);
  expect(run.endedAt).toBe(lastAt);
  expect(run.durationMs).toBe(lastAt - run.startedAt);
  await api.dispose();
});

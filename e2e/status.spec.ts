import { expect, test } from './harness/dashboard';
import { expectNoSideScroll, expectServiceState, lab, mark, marked, phoneDark, shot } from './lab';

test.beforeEach(async () => {
  await lab.reset();
});

test('all services up: the states are in the server-rendered HTML', async ({ page, request }) => {
  // Give the poller a round with the lab reset before reading the page.
  await expect.poll(async () => (await (await request.get('/api/status')).json()).machines[0].services.map((s: { state: string }) => s.state).join()).toBe('up,up,up');
  const html = await (await request.get('/')).text();
  expect(html).toContain('data-testid="service-jellyfin" data-state="up"');

  await page.goto('/');
  await expect(page.getByTestId('orbstack')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('machine-mini-vm')).toHaveAttribute('data-state', 'running');
  for (const id of ['jellyfin', 'synapse', 'telegram']) await expectServiceState(page, id, 'up');
  await expect(page.getByTestId('service-jellyfin')).toContainText('10.10.7');
  await expect(page.getByTestId('service-synapse')).toContainText('1.160.0');
  await expect(page.getByTestId('headline')).toHaveText(/All 3 services up/);
  await shot(page, 'status');
});

test('a stopped VM shows its services as vm-stopped, not as outages', async ({ page }) => {
  await lab.machine({ name: 'mini-vm', state: 'stopped' });
  await page.goto('/');
  await expect(page.getByTestId('machine-mini-vm')).toHaveAttribute('data-state', 'stopped');
  for (const id of ['jellyfin', 'synapse', 'telegram']) await expectServiceState(page, id, 'vm-stopped');
  await expect(page.getByTestId('service-jellyfin').getByTestId('reason')).toHaveText(/mini-vm is stopped/);
  await expect(page.getByTestId('headline')).toHaveText(/mini-vm is not running/);
});

test('OrbStack stopped: one clear state, services not probed', async ({ page }) => {
  await lab.orb('stopped');
  await page.goto('/');
  await expect(page.getByTestId('orbstack')).toHaveAttribute('data-state', 'stopped');
  await expectServiceState(page, 'synapse', 'vm-stopped');
  await expect(page.getByTestId('headline')).toHaveText(/OrbStack stopped/);
});

test('a hanging Jellyfin does not hold up the page or the other cards', async ({ page, request, launch }) => {
  test.setTimeout(120_000);
  // A probe timeout far longer than any answer takes, even on a loaded machine: a read that
  // waited for the hung probe would take 20 s, one that does not takes milliseconds.
  const HANG_MS = 20_000;
  const d = await launch({ timeoutMs: HANG_MS });
  await page.goto(d.url);
  await expectServiceState(page, 'jellyfin', 'up');
  await d.lab.service('jellyfin', 'hang');
  await d.lab.resetStats();
  // A request reaching Jellyfin from now on hangs: once one has, a probe round is stuck on it.
  const asked = async () => Object.values((await d.lab.stats()).jellyfin ?? {}).reduce((a, b) => a + b, 0);
  await expect.poll(asked).toBeGreaterThan(0);

  const started = Date.now();
  const r = await request.get(`${d.url}/api/status`);
  expect(r.ok()).toBe(true);
  const t0 = Date.now();
  await page.reload();
  await expectServiceState(page, 'synapse', 'up');
  const reloaded = Date.now();
  expect(t0 - started).toBeLessThan(HANG_MS / 2);
  expect(reloaded - t0).toBeLessThan(HANG_MS / 2);

  // When the timeout comes, the card says so; the other cards were never held up.
  await expect(page.getByTestId('service-jellyfin')).toHaveAttribute('data-state', 'pending', { timeout: 2 * HANG_MS });
  await expect(page.getByTestId('service-jellyfin').getByTestId('reason')).toHaveText(/within 20000 ms/);
  await expectServiceState(page, 'synapse', 'up');
});

test('a garbage body shows degraded, with the reason', async ({ page }) => {
  await lab.service('jellyfin', 'garbage');
  await page.goto('/');
  await expectServiceState(page, 'jellyfin', 'degraded');
  await expect(page.getByTestId('service-jellyfin').getByTestId('reason')).toHaveText(/not Jellyfin's JSON/);
});

test('Jellyfin starting up is shown as starting, not down', async ({ page }) => {
  await lab.service('jellyfin', 'starting');
  await page.goto('/');
  await expectServiceState(page, 'jellyfin', 'starting');
});

test('orb missing gives a clear message, and services are still probed', async ({ page }) => {
  await lab.orb('missing');
  await page.goto('/');
  await expect(page.getByTestId('orbstack')).toHaveAttribute('data-state', 'not-installed');
  await expect(page.getByTestId('orbstack').getByTestId('reason')).toHaveText(/orb CLI not found/);
  await expect(page.getByTestId('machine-mini-vm')).toHaveAttribute('data-state', 'unknown');
  await expectServiceState(page, 'synapse', 'up');
});

test('a change in the home lab reaches the open page without a reload', async ({ page }) => {
  await page.goto('/');
  await expectServiceState(page, 'synapse', 'up');
  await mark(page, 42);
  await lab.service('synapse', 'refuse');
  await expectServiceState(page, 'synapse', 'down');
  await expect(page.getByTestId('service-synapse').getByTestId('reason')).toHaveText(/connection refused/);
  await lab.service('synapse', 'up');
  await expectServiceState(page, 'synapse', 'up');
  // Same document throughout: the marker survives, so nothing reloaded.
  expect(await marked(page)).toBe(42);
});

test('an open page says when the dashboard cannot be reached, and follows it again once it is back', async ({ page, launch }) => {
  test.setTimeout(90_000);
  const d = await launch();
  await page.goto(d.url);
  await expectServiceState(page, 'synapse', 'up');
  await mark(page, 5);
  await d.kill();
  await expect(page.getByTestId('stale')).toContainText('Cannot reach the dashboard server');
  // The last good states stay on screen, marked as old rather than taken away.
  await expectServiceState(page, 'synapse', 'up');
  await d.restart();
  await d.lab.service('synapse', 'refuse');
  await expectServiceState(page, 'synapse', 'down');
  await expect(page.getByTestId('stale')).toHaveCount(0);
  expect(await marked(page)).toBe(5);
});

test('works on a phone, in dark mode, and by keyboard', async ({ browser }) => {
  const ctx = await phoneDark(browser);
  const page = await ctx.newPage();
  await page.goto('/');
  await expectServiceState(page, 'jellyfin', 'up');
  await expectNoSideScroll(page);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).not.toBe('rgb(250, 250, 250)');
  await page.keyboard.press('Tab');
  await expect(page.getByText('Skip to content')).toBeFocused();
  await shot(page, 'status-phone-dark');
  await ctx.close();
});

test('100 concurrent /api/status requests cause no extra probe round', async ({ request }) => {
  await expect.poll(async () => (await (await request.get('/api/status')).json()).machines[0].services[0].state).toBe('up');
  const pings = async () => (await lab.stats()).jellyfin['/System/Ping'] ?? 0;
  // The window runs from before the first count to after the last, however slow the machine is.
  const started = Date.now();
  const before = await pings();
  const all = await Promise.all(Array.from({ length: 100 }, () => request.get('/api/status')));
  expect(all.every((r) => r.ok() && r.headers()['cache-control'] === 'no-store')).toBe(true);
  const after = await pings();
  const elapsed = Date.now() - started;
  // The poller probes once a second; 100 readers add nothing to that.
  expect(after).toBeLessThanOrEqual(before + 1 + Math.floor(elapsed / 1000));
});

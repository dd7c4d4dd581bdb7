import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import parse from 'parse-prometheus-text-format';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/dashboard';
import { expectServiceState, lab, mark, marked, shot } from './lab';

test.beforeEach(async () => {
  await lab.reset();
});

const uptime24 = async (page: Page, id: string) => Number(await page.getByTestId(`service-${id}`).getByTestId('uptime-h24').getAttribute('data-value'));

test('an outage becomes an incident with its duration, and the uptime drops, without a reload', async ({ page, context }) => {
  await page.goto('/');
  await expectServiceState(page, 'synapse', 'up');
  await expect(page.getByTestId('service-synapse').getByTestId('uptime-h24')).toHaveAttribute('data-value', /\d/);
  const before = await uptime24(page, 'synapse');

  const detail = await context.newPage();
  await detail.goto('/services/synapse');
  await expect(detail.getByRole('heading', { name: 'Matrix Synapse' })).toBeVisible();
  const incidents = detail.getByTestId('incident');
  const earlier = await incidents.count();
  await Promise.all([mark(page, 7), mark(detail, 7)]);

  await lab.service('synapse', 'refuse');
  await expectServiceState(page, 'synapse', 'down');
  // While it is down only failures are counted, so the 24 h figure must fall.
  await expect.poll(() => uptime24(page, 'synapse')).toBeLessThan(before);
  await expect(incidents).toHaveCount(earlier + 1);
  const open = incidents.first();
  await expect(open).toHaveAttribute('data-open', 'true');
  await expect(open.getByTestId('duration')).toHaveText(/^ongoing for \d+ s$/);
  await expect(open.getByTestId('incident-reason')).toContainText('connection refused');

  await lab.service('synapse', 'up');
  await expectServiceState(page, 'synapse', 'up');
  await expect(open).toHaveAttribute('data-open', 'false');
  await expect(open.getByTestId('duration')).toHaveText(/^lasted \d+ s$/);
  await expect(detail.getByTestId('live-state')).toHaveAttribute('data-state', 'up');
  await expect(detail.getByTestId('uptime-bars').locator('li[data-word*="down"]').last()).toBeVisible();
  // Neither page reloaded: the markers set before the outage are still there.
  expect(await marked(page)).toBe(7);
  expect(await marked(detail)).toBe(7);
  await shot(detail, 'service-history');
  await shot(page, 'status-with-history');
});

test('the card links to the history page, whose range picker works as plain links', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('service-jellyfin').getByTestId('history-link').click();
  await expect(page).toHaveURL(/\/services\/jellyfin$/);
  await expect(page.getByRole('navigation', { name: 'Range' }).getByRole('link', { name: '24 h' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('link', { name: '7 days' }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByRole('heading', { name: /Response time, last 7 days/i })).toBeVisible();
  await expect(page.getByTestId('latency-chart')).toBeVisible();
  const html = await (await page.request.get('/services/jellyfin?range=30d')).text();
  expect(html).toContain('Response time, last <!-- -->30 days');
  expect((await page.request.get('/services/no-such-service')).status()).toBe(404);
});

test('a stopped VM is one incident on the machine, shown on each of its services', async ({ page }) => {
  await page.goto('/services/telegram');
  const before = await page.getByTestId('incident').count();
  await lab.machine({ name: 'mini-vm', state: 'stopped' });
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'vm-stopped');
  await expect(page.getByTestId('incident')).toHaveCount(before + 1);
  await expect(page.getByTestId('incident').first()).toContainText('mini-vm stopped');
  await lab.machine({ name: 'mini-vm', state: 'running' });
  await expect(page.getByTestId('incident').first()).toHaveAttribute('data-open', 'false');
  await page.goto('/services/jellyfin');
  await expect(page.getByTestId('incident').filter({ hasText: 'VM incident' }).first()).toBeVisible();
});

test('/api/metrics is Prometheus text that a parser reads', async ({ request }) => {
  await lab.service('jellyfin', 'refuse');
  await expect.poll(async () => (await (await request.get('/api/status')).json()).machines[0].services[0].state).toBe('down');
  const r = await request.get('/api/metrics');
  expect(r.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const families = parse(await r.text());
  const by = (n: string) => families.find((f) => f.name === n)!;
  expect(by('minivm_service_up').metrics.find((m) => m.labels?.service === 'jellyfin')?.value).toBe('0');
  expect(by('minivm_service_up').metrics.find((m) => m.labels?.service === 'synapse')?.value).toBe('1');
  expect(by('minivm_machine_state').metrics.find((m) => m.value === '1')?.labels).toEqual({ machine: 'mini-vm', state: 'running' });
  expect(by('minivm_orbstack_state').metrics.find((m) => m.value === '1')?.labels?.state).toBe('running');
  expect(Number(by('minivm_service_probe_latency_seconds').metrics.find((m) => m.labels?.service === 'synapse')?.value)).toBeGreaterThan(0);
  expect(by('minivm_history_store_healthy').metrics[0].value).toBe('1');
});

test('history survives killing the server and starting it again', async ({ page, launch }) => {
  test.setTimeout(120_000);
  const second = await launch({ env: { DASHBOARD_METRICS_TOKEN: 'metrics-secret' } });
  await page.goto(`${second.url}/services/jellyfin`);
  await second.lab.service('jellyfin', 'refuse');
  await expect(page.getByTestId('incident').first()).toHaveAttribute('data-open', 'true');
  await second.lab.service('jellyfin', 'up');
  await expect(page.getByTestId('incident').first()).toHaveAttribute('data-open', 'false');
  const lasted = await page.getByTestId('incident').first().getByTestId('duration').textContent();
  const started = await page.getByTestId('incident').first().locator('time').getAttribute('datetime');

  await second.kill('SIGKILL');
  await second.restart();
  await page.goto(`${second.url}/services/jellyfin`);
  const inc = page.getByTestId('incident').first();
  await expect(inc.locator('time')).toHaveAttribute('datetime', started!);
  await expect(inc.getByTestId('duration')).toHaveText(lasted!);
  await expect(page.getByTestId('page-uptime').getByTestId('uptime-h24')).not.toHaveText('100%');

  // The optional bearer token on /api/metrics.
  expect((await page.request.get(`${second.url}/api/metrics`)).status()).toBe(401);
  expect((await page.request.get(`${second.url}/api/metrics`, { headers: { authorization: 'Bearer wrong' } })).status()).toBe(401);
  const ok = await page.request.get(`${second.url}/api/metrics`, { headers: { authorization: 'Bearer metrics-secret' } });
  expect(ok.status()).toBe(200);
  expect(parse(await ok.text()).some((f) => f.name === 'minivm_history_db_bytes')).toBe(true);
});

test('a history store that cannot be opened leaves live status working, with a visible warning', async ({ page, launch }) => {
  test.setTimeout(90_000);
  // A plain file where the data folder should be: the SQLite file can never be created.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nodb-'));
  const dataDir = path.join(dir, 'data');
  fs.writeFileSync(dataDir, 'not a folder');
  try {
    const second = await launch({ dataDir });
    await page.goto(second.url);
    await expectServiceState(page, 'synapse', 'up');
    await expect(page.getByRole('alert').filter({ hasText: 'History is not being saved' })).toBeVisible();
    await second.lab.service('synapse', 'refuse');
    await expectServiceState(page, 'synapse', 'down');
    await page.goto(`${second.url}/services/synapse`);
    await expect(page.getByRole('alert').filter({ hasText: 'no history to show' })).toBeVisible();
    const metrics = parse(await (await page.request.get(`${second.url}/api/metrics`)).text());
    expect(metrics.find((f) => f.name === 'minivm_history_store_healthy')?.metrics[0].value).toBe('0');
    await shot(page, 'history-store-unavailable');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

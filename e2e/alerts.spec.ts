import type { APIRequestContext } from '@playwright/test';
import { MATRIX_DEMO } from '../demo/lab/matrix-sim.mjs';
import { adminApi, expectState, notifications, quiet, roomBodies, sameOrigin, signInOnPage, sinkMessages, snapshot } from './alerts-helpers';
import { expect, startDashboard, test, type Dashboard } from './harness/dashboard';
import { expectNoSideScroll, phoneDark, shot } from './lab';

// Alerts end to end: a dashboard of its own against a private demo lab, whose Synapse simulator
// serves the Matrix client API the bot posts to and whose ntfy-like sink is the fallback. Short
// waits in the lab's config (settle 3 s, retries after 0.5 s); every wait here is on a state.

let d: Dashboard;
let api: APIRequestContext;

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async ({ playwright }) => {
  d = await startDashboard({ alerts: { settleSeconds: 3, retries: 1, retryDelayMs: 500, maxRetryDelayMs: 1500 } });
  api = await adminApi(playwright, d);
});
test.afterAll(async () => {
  await api?.dispose();
  await d?.stop();
});
test.beforeEach(async () => {
  await quiet(api, d);
});
test.afterEach(async () => {
  // The bot's token is in no answer the dashboard gives and no line it logs.
  for (const path of ['/api/notifications', '/api/status', '/notifications', '/']) expect(await (await api.get(path)).text()).not.toContain(MATRIX_DEMO.token);
  expect(d.errorLines().join('\n')).not.toContain(MATRIX_DEMO.token);
  expect(d.errorLines()).toEqual([]);
});

test('a service down sends one Matrix message, and its recovery one more', async () => {
  await d.lab.service('jellyfin', 'refuse');
  await expect.poll(() => roomBodies(d), { timeout: 30_000 }).toEqual([expect.stringMatching(/^Jellyfin is down: /)]);
  await d.lab.service('jellyfin', 'up');
  await expect.poll(() => roomBodies(d), { timeout: 30_000 }).toEqual([expect.stringMatching(/^Jellyfin is down: /), expect.stringMatching(/^Jellyfin is back, after /)]);
  const m = (await d.lab.matrix()).messages[0];
  expect(m).toMatchObject({ sender: MATRIX_DEMO.user, content: { msgtype: 'm.notice', format: 'org.matrix.custom.html', formatted_body: expect.stringContaining('<strong>Jellyfin</strong> is down') } });
  expect(await sinkMessages(d)).toEqual([]);
});

test('Synapse down: the alert goes to the fallback, and the Matrix message arrives late once Synapse is back', async () => {
  await d.lab.service('synapse', 'refuse');
  await expect.poll(() => sinkMessages(d), { timeout: 30_000 }).toEqual([expect.stringMatching(/^Matrix Synapse is down: /)]);
  const waiting = (await notifications(api)).deliveries.find((x) => x.notifier === 'matrix' && x.eventType === 'down')!;
  expect(waiting).toMatchObject({ state: 'pending', routedTo: 'phone', late: true, resultCode: 'refused' });
  await d.lab.service('synapse', 'up');
  await expect.poll(() => roomBodies(d), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/^Matrix Synapse is down: .*\nDelivered late: this happened at /s));
  await expect.poll(() => roomBodies(d), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/^Matrix Synapse is back/));
  expect(await roomBodies(d)).toHaveLength(2);
  expect(await sinkMessages(d)).toHaveLength(1);
});

test('a rebuild that restarts Jellyfin sends no down alert, and one summary when its window closes', async () => {
  await d.lab.rebuild('hang');
  const started = await api.post('/api/rebuild', { headers: sameOrigin(d), data: { target: 'mini-vm', mode: 'switch' } });
  expect(started.status()).toBe(202);
  const { id } = await started.json();
  await expect.poll(async () => (await snapshot(api)).alerts?.quiet.map((q) => q.kind), { timeout: 30_000 }).toEqual(['job']);
  await d.lab.service('jellyfin', 'refuse');
  await expectState(api, 'jellyfin', 'down');
  await d.lab.service('jellyfin', 'up');
  await expectState(api, 'jellyfin', 'up');
  expect((await api.post(`/api/rebuild/${id}/cancel`, { headers: sameOrigin(d) })).status()).toBe(202);
  await expect.poll(() => roomBodies(d), { timeout: 30_000 }).toEqual([expect.stringMatching(/^Rebuild of mini-vm at \w{3} \d\d:\d\d cancelled; all services back\.$/)]);
  const held = (await notifications(api)).quiet.filter((q) => q.during?.startsWith('rebuild of mini-vm'));
  expect(held.map((q) => q.title).sort()).toEqual(['Jellyfin is down', 'Jellyfin recovered']);
  // History marks the outage as one that happened during the rebuild.
  const page = await api.get('/services/jellyfin');
  expect(/during rebuild of mini-vm at \w{3} \d\d:\d\d: not alerted on its own/.test(await page.text())).toBe(true);
});

test('a restart of the dashboard in the middle of a retry delivers the pending event once', async () => {
  const since = Date.now();
  await d.lab.setMatrix({ mode: 'hang' });
  await d.lab.service('jellyfin', 'refuse');
  await expect.poll(async () => (await d.lab.matrix()).attempts.some((a) => a.kind === 'send' && a.status === 'hang'), { timeout: 30_000 }).toBe(true);
  await d.kill('SIGKILL');
  await d.restart();
  await d.lab.setMatrix({ mode: 'ok' });
  await expect.poll(() => roomBodies(d), { timeout: 30_000 }).toEqual([expect.stringMatching(/^Jellyfin is down: /)]);
  await d.lab.service('jellyfin', 'up');
  await expect.poll(() => roomBodies(d), { timeout: 30_000 }).toHaveLength(2);
  const rows = (await notifications(api)).deliveries.filter((x) => x.notifier === 'matrix' && x.eventType === 'down' && x.createdAt >= since);
  expect(rows).toHaveLength(1);
  // The attempt cut short by the restart, then the one after it.
  expect(rows[0]).toMatchObject({ state: 'delivered', attempts: 2 });
});

test('a silence set from a card holds alerts; one "until it recovers" ends by itself; all by keyboard', async ({ page }) => {
  await signInOnPage(page, d);
  await page.goto(`${d.url}/`);
  const card = page.getByTestId('service-telegram');
  const dialog = page.getByTestId('silence-dialog');
  await card.getByTestId('silence-open').focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('1 hour')).toBeChecked();
  await expect(dialog.getByLabel('Until it recovers')).toBeDisabled();
  await dialog.getByTestId('silence-reason').fill('<b>swapping</b> the bridge');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  // The reason is shown as text, never as markup.
  await expect(card.getByTestId('silence-note')).toHaveText(/Alerts silenced for (1 h|59 min( \d+ s)?) more: <b>swapping<\/b> the bridge/);
  await shot(page, 'status-silenced');
  await d.lab.service('telegram', 'refuse');
  await expect(card).toHaveAttribute('data-state', 'down');
  await expect.poll(async () => (await notifications(api)).quiet.map((q) => q.title), { timeout: 30_000 }).toContain('Telegram bridge is down');
  // Only the bridge is silenced: on a loaded machine another service may time out and be told.
  const aboutBridge = async () => (await roomBodies(d)).filter((b) => /Telegram/.test(b));
  expect(await aboutBridge()).toEqual([]);

  await card.getByTestId('end-silence').click();
  await expect(card.getByTestId('silence-open')).toBeVisible();
  await card.getByTestId('silence-open').click();
  await expect(dialog.getByLabel('Until it recovers')).toBeChecked();
  await dialog.getByTestId('silence-reason').fill('bridge upgrade');
  await dialog.getByTestId('silence-submit').click();
  await expect(card.getByTestId('silence-note')).toHaveText(/Alerts silenced until it recovers: bridge upgrade/);
  await d.lab.service('telegram', 'up');
  await expect(card).toHaveAttribute('data-state', 'up');
  await expect(card.getByTestId('silence-note')).toHaveCount(0);
  const ended = (await notifications(api)).silences.map((s) => [s.reason, s.endedWhy]);
  expect(ended).toEqual(expect.arrayContaining([['bridge upgrade', 'recovered'], ['<b>swapping</b> the bridge', 'ended']]));
  // Its outage was never told, so neither is its end.
  expect(await aboutBridge()).toEqual([]);
});

test('the notifications page: a test message through each notifier, and each fault in words', async ({ page, browser }) => {
  await signInOnPage(page, d);
  const notifier = (id: string) => page.getByTestId(`notifier-${id}`);
  await expect(notifier('matrix').getByTestId('where')).toHaveText(/^Matrix room #lab:mini-vm on http:\/\/127\.0\.0\.1:\d+$/);
  await expect(notifier('phone')).toContainText('nothing of its own (a fallback only)');
  const test = async (id: string, expected: RegExp) => {
    await notifier(id).getByTestId(`test-${id}`).click();
    await expect(page.getByTestId(`test-result-${id}`)).toHaveText(expected);
  };
  await test('matrix', /Delivered\./);
  await test('phone', /Delivered\./);
  await d.lab.setMatrix({ mode: 'unknown-token' });
  await test('matrix', /access token is wrong or was revoked \(M_UNKNOWN_TOKEN\)/);
  await d.lab.setMatrix({ mode: 'forbidden' });
  await test('matrix', /may not post in #lab:mini-vm \(M_FORBIDDEN\)/);
  await d.lab.setMatrix({ mode: 'rate-limit', times: 1, retryAfterMs: 3000 });
  await test('matrix', /Not delivered yet \(it will be retried\): the homeserver is rate-limiting the bot \(M_LIMIT_EXCEEDED\); retrying in 3 s/);
  await d.lab.setMatrix({ mode: 'garbage', times: 1 });
  await test('matrix', /Not delivered yet \(it will be retried\): the homeserver answered HTTP 200 without a event_id/);
  await d.lab.setSink({ mode: 'error', times: 1 });
  await test('phone', /Not delivered yet \(it will be retried\): the server answered HTTP 500/);
  // The retried ones arrive; the list shows every attempt.
  await expect(page.getByTestId('delivery').filter({ hasText: 'Test message' }).and(page.locator('[data-state="pending"]'))).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('delivery').filter({ hasText: 'Test message' }).and(page.locator('[data-state="failed"]'))).toHaveCount(2);
  await d.lab.setMatrix({ mode: 'ok' });
  await expect(page.getByTestId('alert-chart')).toBeVisible();
  await shot(page, 'notifications');
  await expectNoSideScroll(page);

  const phone = await phoneDark(browser);
  const p = await phone.newPage();
  await signInOnPage(p, d);
  await expect(p.getByTestId('delivery').first()).toBeVisible();
  await expectNoSideScroll(p);
  await shot(p, 'notifications-phone-dark');
  await p.goto(`${d.url}/`);
  await expect(p.getByTestId('service-jellyfin').getByTestId('silence-open')).toBeVisible();
  await expectNoSideScroll(p);
  await shot(p, 'status-phone-dark-signed-in');
  await p.getByTestId('service-jellyfin').getByTestId('silence-open').click();
  await expect(p.getByTestId('silence-dialog')).toBeVisible();
  await p.screenshot({ path: 'test-results/screenshots/silence-dialog-phone-dark.png' });
  await p.keyboard.press('Escape');
  await expect(p.getByTestId('silence-dialog')).toHaveCount(0);
  await phone.close();
});

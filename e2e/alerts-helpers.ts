import { expect, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { HARNESS_PASSWORD, type Dashboard } from './harness/dashboard';
import type { NotificationsData } from '../lib/notify/page-data';
import type { Snapshot } from '../lib/types';

// For the alerting specs: an admin API session on a harness dashboard, and waits on what the
// dashboard and the lab's Matrix simulator and sink say, never on time.

export const sameOrigin = (d: Dashboard) => ({ origin: d.url, 'content-type': 'application/json' });

export async function adminApi(playwright: PlaywrightWorkerArgs['playwright'], d: Dashboard): Promise<APIRequestContext> {
  const api = await playwright.request.newContext({ baseURL: d.url });
  const r = await api.post('/api/session', { headers: sameOrigin(d), data: { password: HARNESS_PASSWORD } });
  expect(r.status()).toBe(200);
  return api;
}

export const snapshot = async (api: APIRequestContext): Promise<Snapshot> => (await api.get('/api/status')).json();
export const notifications = async (api: APIRequestContext): Promise<NotificationsData> => (await api.get('/api/notifications')).json();

export async function serviceStates(api: APIRequestContext): Promise<Record<string, string>> {
  const s = await snapshot(api);
  return Object.fromEntries(s.machines.flatMap((m) => m.services.map((x) => [x.id, x.state])));
}

export async function expectState(api: APIRequestContext, id: string, state: string) {
  await expect.poll(async () => (await serviceStates(api))[id], { timeout: 30_000 }).toBe(state);
}

/** What the Matrix room got, as plain bodies, oldest first. */
export const roomBodies = async (d: Dashboard) => (await d.lab.matrix()).messages.map((m) => String(m.content.body));
export const sinkMessages = async (d: Dashboard) => (await d.lab.sink()).received.map((m) => m.message ?? '');

/** The lab as it starts, everything up and seen up, nothing waiting to be delivered, and empty receivers. */
export async function quiet(api: APIRequestContext, d: Dashboard) {
  await d.lab.reset();
  await expect.poll(async () => Object.values(await serviceStates(api)).every((s) => s === 'up'), { timeout: 30_000 }).toBe(true);
  // One more round, so what the last change set off has been decided and queued.
  const seen = (await snapshot(api)).generatedAt;
  await expect.poll(async () => (await snapshot(api)).generatedAt, { timeout: 30_000 }).not.toBe(seen);
  await expect.poll(async () => (await notifications(api)).deliveries.filter((x) => x.state === 'pending').length, { timeout: 30_000 }).toBe(0);
  await d.lab.reset();
}

/** Sign in through the form on the notifications page. */
export async function signInOnPage(page: Page, d: Dashboard) {
  await page.goto(`${d.url}/notifications`);
  const form = page.getByTestId('notifications-sign-in');
  await form.getByLabel('Admin password').fill(HARNESS_PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Notifiers' })).toBeVisible();
}

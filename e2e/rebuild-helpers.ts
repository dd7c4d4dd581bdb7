import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { lab } from './lab';

export const PASSWORD = 'demo-password';

/** Sign in through the form on the status page. */
export async function signIn(page: Page) {
  await page.goto('/');
  const control = page.getByTestId('rebuild-control');
  await expect(control.getByTestId('demo-password')).toContainText(PASSWORD);
  await control.getByLabel('Admin password').fill(PASSWORD);
  await control.getByRole('button', { name: 'Sign in' }).click();
  await expect(control.getByRole('button', { name: 'Rebuild…' })).toBeVisible();
}

/** Same-origin headers as a page of the dashboard would send them. */
export const sameOrigin = (base: string) => ({ origin: base, 'content-type': 'application/json' });

export async function apiSignIn(request: APIRequestContext, base: string) {
  const r = await request.post(`${base}/api/session`, { headers: sameOrigin(base), data: { password: PASSWORD } });
  expect(r.status()).toBe(200);
}

export async function apiStart(request: APIRequestContext, base: string, mode = 'switch') {
  const r = await request.post(`${base}/api/rebuild`, { headers: sameOrigin(base), data: { target: 'mini-vm', mode } });
  expect(r.status()).toBe(202);
  return (await r.json()).id as string;
}

/** Wait until no run is going; a run left over from an earlier test is cancelled. */
export async function settle(request: APIRequestContext, base: string) {
  const current = async () => (await (await request.get(`${base}/api/rebuild`)).json()).current as string | null;
  const id = await current();
  if (id) {
    await apiSignIn(request, base);
    await request.post(`${base}/api/rebuild/${id}/cancel`, { headers: sameOrigin(base) });
  }
  await expect.poll(current, { timeout: 20_000 }).toBeNull();
}

/** Before each rebuild test: no run going, the lab as it starts. */
export async function settleAndReset(request: APIRequestContext, base: string) {
  await settle(request, base);
  await lab.reset();
}

/** Give the fake nixos-rebuild its scenario, sign in through the API and start a run: its id. */
export async function startRun(request: APIRequestContext, base: string, scenario: string, opts: { speed?: number } = {}) {
  await lab.rebuild(scenario, opts);
  await apiSignIn(request, base);
  return apiStart(request, base);
}

export async function waitForOutcome(request: APIRequestContext, base: string, id: string, timeout = 30_000) {
  await expect.poll(async () => (await (await request.get(`${base}/api/rebuild/${id}`)).json()).outcome, { timeout }).not.toBe('running');
  return (await request.get(`${base}/api/rebuild/${id}`)).json();
}

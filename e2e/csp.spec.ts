import { expect, test } from '@playwright/test';
import { expectServiceState, lab } from './lab';

test.beforeEach(async () => {
  await lab.reset();
});

// The status page under the real Content-Security-Policy: it hydrates, polls, and the browser
// reports no blocked script or style.
test('the status page hydrates and polls under the CSP, with no violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const res = await page.goto('/');
  expect(res?.headers()['content-security-policy']).toContain("'strict-dynamic'");
  await expectServiceState(page, 'synapse', 'up');
  await lab.service('synapse', 'refuse');
  await expectServiceState(page, 'synapse', 'down');
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: '404' })).toBeVisible();
  await page.getByRole('link', { name: 'Status' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('orbstack')).toBeVisible();
  expect(violations).toEqual([]);
});

test('the page cannot be framed', async ({ request }) => {
  const r = await request.get('/');
  expect(r.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(r.headers()['x-frame-options']).toBe('DENY');
});

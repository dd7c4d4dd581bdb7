import { expect, test } from '@playwright/test';
import { expectServiceState, lab, shot } from './lab';

test.beforeEach(async () => {
  await lab.reset();
});

test('a broken bee hop is named on the Jellyfin card, and clears when it heals', async ({ page }) => {
  await page.goto('/');
  const card = page.getByTestId('service-jellyfin');
  const chain = card.getByTestId('access-chain');
  await expect(card.getByTestId('chain-summary')).toHaveText('direct ✓, via mini ✓, via bee ✓');
  await expect(chain).toHaveAttribute('data-broken', '');

  await lab.hop('bee', 'down');
  await expect(chain).toHaveAttribute('data-broken', 'bee');
  await expect(card.getByTestId('chain-summary')).toHaveText('direct ✓, via mini ✓, via bee ✗');
  await expect(card.getByTestId('chain-culprit')).toContainText("bee's Caddy or the bee → mini hop");
  await expect(card.getByTestId('hop-bee')).toHaveAttribute('data-mark', 'broken');
  await expect(card.getByTestId('hop-bee')).toContainText('✗');
  await expect(card.getByRole('link', { name: 'Troubleshooting' })).toHaveAttribute('href', '/docs/mini-vm#troubleshooting');
  // The service itself is fine: only the path through bee is broken.
  await expectServiceState(page, 'jellyfin', 'up');
  await shot(page, 'paths-bee-broken');

  await lab.hop('bee', 'up');
  await expect(chain).toHaveAttribute('data-broken', '');
  await expect(card.getByTestId('chain-culprit')).toHaveCount(0);
});

test("mini's Caddy answering 502 is blamed before bee", async ({ page }) => {
  await lab.hop('mini', '502');
  await page.goto('/');
  const card = page.getByTestId('service-jellyfin');
  await expect(card.getByTestId('access-chain')).toHaveAttribute('data-broken', 'mini');
  await expect(card.getByTestId('chain-culprit')).toContainText("mini's Caddy or the mini → mini-vm hop");
  await card.getByText('Path details').click();
  await expect(card.getByText(/HTTP 502/).first()).toBeVisible();
});

test('the VM reaching the key light is flagged as a mismatch with a link to the docs', async ({ page }) => {
  await page.goto('/');
  const check = page.getByTestId('check-vm-key-light');
  // Unreachable, as the docs say: a passing check.
  await expect(check).toHaveAttribute('data-ok', 'true');
  await expect(check.getByTestId('verdict')).toHaveText(/As expected/);
  await expect(page.getByTestId('check-host-jellyfin')).toHaveAttribute('data-ok', 'true');

  await lab.vmReach('169.254.1.144', true);
  await expect(check).toHaveAttribute('data-ok', 'false');
  await expect(check).toHaveAttribute('data-observed', 'reachable');
  await expect(check.getByTestId('verdict')).toHaveText(/Mismatch/);
  await expect(check.getByTestId('reason')).toHaveText(/should not be/);
  await expect(check.getByRole('link')).toHaveAttribute('href', '/docs/mini#orbstack-vm-network-limitations');
  await shot(page, 'paths-check-mismatch');
});

test('a closed port on the host fails its reachable check', async ({ page }) => {
  await lab.service('synapse', 'refuse');
  await page.goto('/');
  const check = page.getByTestId('check-host-synapse');
  await expect(check).toHaveAttribute('data-ok', 'false');
  await expect(check.getByTestId('reason')).toHaveText(/connection refused/);
});

test('a changed VM address shows the drift warning with the steps to fix it', async ({ page }) => {
  await page.goto('/');
  const machine = page.getByTestId('machine-mini-vm');
  await expect(machine).toHaveAttribute('data-state', 'running');
  await expect(machine.getByTestId('address-drift')).toHaveCount(0);

  await lab.machine({ name: 'mini-vm', address: '192.168.139.7' });
  const drift = machine.getByTestId('address-drift');
  await expect(drift).toContainText('expected 192.168.139.245, orb reports 192.168.139.7');
  await expect(drift).toContainText('orb list');
  await expect(drift).toContainText('miniVmIp');
  await expect(drift).toContainText('mini-vm.orb.local');
  await expect(drift.getByRole('link', { name: 'Troubleshooting' })).toHaveAttribute('href', '/docs/mini-vm#troubleshooting');
  await shot(page, 'paths-address-drift');
});

test("mini's Caddy admin API shows the failures it remembers when Jellyfin is down", async ({ page }) => {
  await page.goto('/');
  const card = page.getByTestId('service-jellyfin');
  await card.getByText('Path details').click();
  await expect(card.getByTestId('upstreams-mini')).toContainText('0 failures remembered');
  await lab.service('jellyfin', 'refuse');
  await expect(card.getByTestId('upstream-fails-mini')).toContainText("mini's Caddy remembers");
  await expect(card.getByTestId('access-chain')).toHaveAttribute('data-broken', 'direct');
  await expect(card.getByTestId('chain-culprit')).toContainText('Jellyfin itself');
  await shot(page, 'paths-upstream-fails');
});

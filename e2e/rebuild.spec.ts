import { expect, test } from '@playwright/test';
import { expectNoSideScroll, lab, phoneDark, shot } from './lab';
import { rebuildLab, settleAndReset, signIn, startRun, waitForOutcome } from './rebuild-helpers';

// Runs that must be seen while they are still going hold at named points of the fake
// nixos-rebuild until the test releases them: what is checked is a state, never a race between
// the fake's speed and this machine's.
const hold = rebuildLab();

test.beforeEach(({ request, baseURL }) => settleAndReset(request, baseURL!));

test('sign in, rebuild, and watch phase, progress and log arrive live until success', async ({ page }) => {
  await hold.scenario('build-several', { speed: 4, holds: ['built:3', 'activating'] });
  await signIn(page);
  await page.getByTestId('rebuild-mode').selectOption('switch');
  await page.getByRole('button', { name: 'Rebuild…' }).click();
  const dialog = page.getByTestId('rebuild-confirm');
  await expect(dialog).toContainText('Rebuild mini-vm with switch?');
  // The exact argv the runner will spawn, built by the same function.
  await expect(dialog).toContainText(/-m mini-vm -u root nixos-rebuild switch --flake \S+\/flake#mini-vm -L/);
  await shot(page, 'rebuild-confirm');
  await dialog.getByRole('button', { name: 'Start switch' }).click();
  await expect(page).toHaveURL(/\/rebuilds\/[a-z0-9]+-[a-f0-9]{8}$/);

  const run = page.getByTestId('rebuild-run');
  const phase = page.getByTestId('rebuild-phase');
  await expect(run).toHaveAttribute('data-outcome', 'running');
  // Seen while running (held after the third derivation): building with a count, a bar part-way,
  // and nix's lines in the log.
  await hold.heldAt('built:3');
  await expect(phase).toHaveText(/Building 3 of 7 derivations/);
  const bar = page.getByRole('progressbar');
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(5);
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
  await expect(page.getByTestId('rebuild-log')).toContainText("building '/nix/store/");
  await expect(page.getByTestId('connection')).toHaveText(/live/);
  await expect(page.getByTestId('rebuild-elapsed')).toHaveText(/\d+ s · started by 127\.0\.0\.1/);
  await shot(page, 'rebuild-running');
  await hold.release();
  await hold.heldAt('activating');
  await expect(phase).toHaveAttribute('data-phase', 'activating');
  await hold.release();

  await expect(run).toHaveAttribute('data-outcome', 'succeeded', { timeout: 20_000 });
  await expect(page.getByTestId('rebuild-outcome')).toHaveText(/Succeeded/);
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByTestId('rebuild-log')).toContainText('[dashboard] finished: succeeded (exit code 0)');
  // A clean run has nothing the server calls an error, so nothing is marked.
  await expect(page.getByTestId('rebuild-log').locator('[data-error]')).toHaveCount(0);
  await expect(page.getByTestId('rebuild-summary')).toHaveCount(0);

  // The history and the generations reflect it.
  await page.getByRole('link', { name: '← All rebuilds' }).click();
  const row = page.getByTestId('rebuild-history').locator('li').first();
  await expect(row).toHaveAttribute('data-outcome', 'succeeded');
  await expect(row).toContainText('by 127.0.0.1');
  await expect(page.getByTestId('generations-mini-vm').locator('tr[data-current="true"]')).toContainText('44');
  await expect(page.getByTestId('booted-vs-current')).toHaveAttribute('data-differs', 'true');
  await shot(page, 'rebuilds');
});

test('a second browser attaches to the same run and sees the log so far, then the rest', async ({ browser, page, request, baseURL }) => {
  // Held after the second derivation until the late joiner has seen the run going.
  const id = await startRun(request, baseURL!, 'build-several', { speed: 4, holds: ['built:2'] });
  await page.goto(`/rebuilds/${id}`);
  await hold.heldAt('built:2');
  await expect(page.getByTestId('rebuild-phase')).toHaveText(/Building 2 of 7/);

  const other = await browser.newContext();
  const late = await other.newPage();
  await late.goto('/');
  await late.getByTestId('current-run-link').click();
  await expect(late).toHaveURL(new RegExp(`/rebuilds/${id}$`));
  // The late joiner gets the lines from before it arrived, too.
  await expect(late.getByTestId('rebuild-log')).toContainText('these 7 derivations will be built:');
  await expect(late.getByText('Sign in to cancel')).toBeVisible();
  await expect(late.getByTestId('rebuild-phase')).toHaveText(/Building 2 of 7/);
  await hold.release();

  for (const p of [page, late]) await expect(p.getByTestId('rebuild-run')).toHaveAttribute('data-outcome', 'succeeded', { timeout: 20_000 });
  // The last burst is drawn on the next frame after the outcome flips: wait for the closing line first.
  for (const p of [page, late]) await expect(p.getByTestId('rebuild-log')).toContainText('[dashboard] finished');
  const lines = (p: typeof page) => p.getByTestId('rebuild-log').locator('> div');
  await expect(lines(late)).toHaveCount(await lines(page).count());
  await other.close();
});

const failures = [
  { scenario: 'eval-error', outcome: 'failed', badge: /Failed/, summary: /exit code 1[\s\S]*undefined variable 'jellyfinn'/, errorLine: "error: undefined variable 'jellyfinn'" },
  { scenario: 'failed-units', outcome: 'units-failed', badge: /Activated, units failed/, summary: /exit code 4[\s\S]*mautrix-telegram\.service/, errorLine: 'warning: the following units failed: mautrix-telegram.service' },
];
for (const f of failures) {
  test(`${f.scenario} is shown as ${f.outcome}, never as success`, async ({ page, request, baseURL }) => {
    const id = await startRun(request, baseURL!, f.scenario, { speed: 4 });
    await page.goto(`/rebuilds/${id}`);
    await expect(page.getByTestId('rebuild-run')).toHaveAttribute('data-outcome', f.outcome, { timeout: 20_000 });
    await expect(page.getByTestId('rebuild-outcome')).toHaveText(f.badge);
    await expect(page.getByTestId('rebuild-summary')).toHaveText(f.summary);
    // The fake nixos-rebuild's error line is shown marked, by symbol and colour, as the server flagged it; plain output is not.
    const log = page.getByTestId('rebuild-log');
    const bad = log.locator('> div', { hasText: f.errorLine });
    await expect(bad).toHaveCount(1);
    await expect(bad).toHaveAttribute('data-error', 'true');
    await expect(bad.getByLabel('error line')).toHaveText('✕');
    await expect(log.locator('> div', { hasText: 'building the system configuration...' })).not.toHaveAttribute('data-error');
    await shot(page, `rebuild-${f.scenario}`);
    await page.goto('/rebuilds');
    await expect(page.getByTestId(`run-${id}`)).toHaveAttribute('data-outcome', f.outcome);
    await page.goto('/');
    await expect(page.getByTestId('last-run')).toContainText(f.badge);
  });
}

test('nothing to build goes straight from evaluating to activating, and succeeds', async ({ page, request, baseURL }) => {
  const id = await startRun(request, baseURL!, 'nothing-to-build', { speed: 4, holds: ['evaluated', 'activating'] });
  await page.goto(`/rebuilds/${id}`);
  await hold.heldAt('evaluated');
  await expect(page.getByTestId('rebuild-phase')).toHaveAttribute('data-phase', 'evaluating');
  await hold.release();
  await hold.heldAt('activating');
  await expect(page.getByTestId('rebuild-phase')).toHaveAttribute('data-phase', 'activating');
  await hold.release();
  await expect(page.getByTestId('rebuild-run')).toHaveAttribute('data-outcome', 'succeeded', { timeout: 20_000 });
  const run = await (await request.get(`/api/rebuild/${id}`)).json();
  expect(run.progress).toMatchObject({ built: 0, total: null });
});

test('cancel stops a hanging run and says so', async ({ page }) => {
  await lab.rebuild('hang');
  await signIn(page);
  await page.getByRole('button', { name: 'Rebuild…' }).click();
  await page.getByTestId('rebuild-confirm').getByRole('button', { name: 'Start switch' }).click();
  await expect(page.getByTestId('rebuild-log')).toContainText('building the system configuration...');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByTestId('rebuild-run')).toHaveAttribute('data-outcome', 'cancelled', { timeout: 15_000 });
  await expect(page.getByTestId('rebuild-outcome')).toHaveText(/Cancelled/);
  await expect(page.getByTestId('rebuild-log')).toContainText('cancel requested: sending SIGTERM to the process group');
});

test('rollback needs an explicit confirmation, then switches to the previous generation', async ({ page }) => {
  await lab.rebuild('nothing-to-build', { speed: 4 });
  await signIn(page);
  await page.getByTestId('rebuild-mode').selectOption('rollback');
  await page.getByRole('button', { name: 'Rebuild…' }).click();
  const dialog = page.getByTestId('rebuild-confirm');
  await expect(dialog).toContainText('Roll back mini-vm?');
  await expect(dialog).toContainText('switches back to the previous generation');
  const go = dialog.getByRole('button', { name: 'Roll back mini-vm' });
  await expect(go).toBeDisabled();
  await dialog.getByTestId('rollback-understood').check();
  await go.click();
  await expect(page.getByTestId('rebuild-run')).toHaveAttribute('data-outcome', 'succeeded', { timeout: 20_000 });
  await expect(page.getByTestId('rebuild-log')).toContainText('switching profile from version 43 to 42');
  await page.goto('/rebuilds');
  await expect(page.getByTestId('generations-mini-vm').locator('tr[data-current="true"]')).toContainText('42');
});

test('the run page works on a phone in dark mode, and Escape closes the confirm dialog', async ({ browser, request, baseURL }) => {
  const id = await startRun(request, baseURL!, 'failed-units', { speed: 4 });
  const ctx = await phoneDark(browser);
  const page = await ctx.newPage();
  await page.goto(`/rebuilds/${id}`);
  await expect(page.getByTestId('rebuild-run')).toHaveAttribute('data-outcome', 'units-failed', { timeout: 20_000 });
  await expectNoSideScroll(page);
  await shot(page, 'rebuild-phone-dark');
  await signIn(page);
  await page.getByRole('button', { name: 'Rebuild…' }).click();
  await expect(page.getByTestId('rebuild-confirm')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('rebuild-confirm')).toHaveCount(0);
  await ctx.close();
});

test('a hanging orb does not hold up the history: generations stream in later', async ({ page, request, baseURL }) => {
  const id = await startRun(request, baseURL!, 'nothing-to-build', { speed: 4 });
  expect((await waitForOutcome(request, baseURL!, id)).outcome).toBe('succeeded');
  await lab.orb('hang');
  // 'load' only fires once the stream ends; the history must be readable before that: the run
  // list is there while the generations still say they are loading (orb is hung, not slow).
  await page.goto('/rebuilds', { waitUntil: 'commit' });
  await expect(page.getByTestId(`run-${id}`)).toBeVisible();
  await expect(page.getByTestId('generations-loading')).toBeVisible();
  await expect(page.getByTestId('generations-mini-vm')).toContainText(/could not be listed: .*did not answer within 15 s/, { timeout: 25_000 });
});

test('the log follows new lines until you scroll up, then stays put until you jump back', async ({ browser, request, baseURL }) => {
  // Held after derivation 3 (more lines than the log shows) and again after 6, so new lines
  // arrive only once the test has scrolled up.
  const id = await startRun(request, baseURL!, 'build-several', { speed: 4, holds: ['built:3', 'built:6'] });
  const ctx = await browser.newContext({ viewport: { width: 900, height: 480 } });
  const page = await ctx.newPage();
  await page.goto(`/rebuilds/${id}`);
  const log = page.getByTestId('rebuild-log');
  const lines = () => log.locator('> div').count();
  await hold.heldAt('built:3');
  await expect(log).toContainText('synapse-homeserver.yaml> installing');
  await expect.poll(async () => log.evaluate((el) => el.scrollHeight > el.clientHeight + 40)).toBe(true);
  await expect(log).toHaveAttribute('data-following', 'true');
  await expect.poll(() => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(24);

  await log.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(log).toHaveAttribute('data-following', 'false');
  const seen = await lines();
  await hold.release();
  await hold.heldAt('built:6');
  await expect.poll(lines).toBeGreaterThan(seen);
  await expect(log).toContainText('etc> installing');
  expect(await log.evaluate((el) => el.scrollTop)).toBe(0);

  await page.getByTestId('follow-log').click();
  await expect(log).toHaveAttribute('data-following', 'true');
  await expect.poll(() => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(24);
  await hold.release();
  await expect(page.getByTestId('rebuild-run')).toHaveAttribute('data-outcome', 'succeeded', { timeout: 20_000 });
  await ctx.close();
});

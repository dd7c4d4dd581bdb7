import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, mainLabConfig, test } from './harness/dashboard';
import { expectNoSideScroll, lab, phoneDark, shot } from './lab';

const docsDir = path.resolve(import.meta.dirname, '../docs');

test.beforeEach(async () => {
  await lab.reset();
});

test('index → page → cross-page anchor lands on the heading', async ({ page }) => {
  await page.goto('/docs');
  const list = page.getByTestId('docs-list');
  await expect(list.getByRole('link')).toHaveText(['The dashboard', 'mini (the Mac mini)', 'mini-vm']);
  await expect(list).toContainText('NixOS 25.05 virtual machine');
  await shot(page, 'docs-index');
  await list.getByRole('link', { name: 'mini-vm' }).click();
  await expect(page).toHaveURL(/\/docs\/mini-vm$/);
  await expect(page.getByRole('heading', { level: 1, name: /mini-vm/ })).toBeVisible();
  await page.getByRole('link', { name: /network limitations/ }).first().click();
  await expect(page).toHaveURL(/\/docs\/mini#orbstack-vm-network-limitations$/);
  const heading = page.locator('h2#orbstack-vm-network-limitations');
  await expect(heading).toHaveText(/OrbStack VM network limitations/);
  await expect(heading).toBeInViewport();
});

test('search "link-local" reaches the section', async ({ page }) => {
  await page.goto('/docs');
  await page.getByRole('searchbox', { name: 'Search the docs' }).fill('link-local');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/docs\/search\?q=link-local$/);
  const results = page.getByTestId('search-results');
  const hit = results.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Link-local devices (169.254.0.0/16)' }) });
  await expect(hit).toContainText('in mini (the Mac mini)');
  await expect(hit.locator('mark').first()).toHaveText(/link-local/i);
  await shot(page, 'docs-search');
  await hit.getByRole('link').click();
  await expect(page).toHaveURL(/\/docs\/mini#link-local-devices-1692540016$/);
  await expect(page.locator('h3#link-local-devices-1692540016')).toBeInViewport();
});

test('reading and searching need no JavaScript', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto('/docs/mini-vm');
  await expect(page.locator('.shiki').first()).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Networking' }).first()).toBeAttached();
  await page.getByRole('searchbox', { name: 'Search the docs' }).fill('Zigbee');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('search-results')).toContainText('Services that must stay off the VM');
  await ctx.close();
});

test('the copy button copies the command', async ({ browser }) => {
  const ctx = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await ctx.newPage();
  await page.goto('/docs/mini-vm');
  await page.bringToFront(); // the clipboard API wants a focused document
  const block = page.locator('.code-block').filter({ hasText: 'orb create' });
  const button = block.getByRole('button', { name: /^Cop(y|ied)$/ });
  await button.click();
  await expect(button).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('orb create nixos:25.05 mini-vm');
  await ctx.close();
});

test('the page confirms the VM address, then flags it once orb reports another', async ({ page }) => {
  const fact = page.locator('[data-fact="192.168.139.245"]').first();
  await expect(async () => {
    await page.goto('/docs/mini-vm');
    await expect(fact).toHaveAttribute('data-live', 'confirmed', { timeout: 500 });
  }).toPass();
  await expect(page.locator('[data-fact="mini-vm.orb.local"][data-live="confirmed"]').first()).toBeAttached();
  await expect(page.getByTestId('live-summary')).toHaveAttribute('data-differs', '0');
  await expect(page.locator('[data-key="live:mini-vm.address"]')).toHaveText('192.168.139.245');

  await lab.machine({ name: 'mini-vm', address: '192.168.139.99' });
  await expect(async () => {
    await page.reload();
    await expect(fact).toHaveAttribute('data-live', 'differs', { timeout: 500 });
  }).toPass();
  await expect(fact).toBeVisible();
  await expect(fact).toHaveText(/docs say 192\.168\.139\.245, the system reports 192\.168\.139\.99 \(orb, address of mini-vm\)/);
  await expect(page.getByTestId('live-summary')).toContainText(/differ.* from what the system reports/);
  // The explicit syntax shows the value orb reports now.
  await expect(page.locator('[data-key="live:mini-vm.address"]')).toHaveText('192.168.139.99');
  await page.getByTestId('live-summary').getByRole('link', { name: 'Show the first' }).click();
  await expect(page.locator('#live-differs-1')).toBeInViewport();
  await shot(page, 'docs-stale-ip');
});

async function idsAndLinks(page: Page, url: string) {
  const res = await page.goto(url);
  expect(res?.status(), `${url} loads`).toBe(200);
  const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
  const hrefs = await page.locator('main a[href]').evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
  return { ids: new Set(ids), hrefs };
}

test('every internal link and anchor on the docs pages goes somewhere', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const seen = new Map<string, Set<string>>();
  const queue = ['/docs', '/docs/search?q=link-local', '/docs/search?q=VM'];
  const links: { from: string; href: string }[] = [];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    const { ids, hrefs } = await idsAndLinks(page, url);
    seen.set(url, ids);
    for (const href of hrefs) {
      const u = new URL(href);
      if (u.origin !== origin) continue; // never followed: other hosts are not ours to contact
      links.push({ from: url, href: u.pathname + u.search + u.hash });
      const target = u.pathname + u.search;
      if (u.pathname.startsWith('/docs') && !seen.has(target)) queue.push(target);
    }
  }
  expect(seen.size).toBeGreaterThanOrEqual(6);
  const broken: string[] = [];
  for (const { from, href } of links) {
    const u = new URL(href, origin);
    let ids = seen.get(u.pathname + u.search);
    if (!ids) {
      const r = await page.request.get(u.pathname + u.search);
      if (r.status() !== 200) broken.push(`${from} → ${href} (HTTP ${r.status()})`);
      continue;
    }
    const id = decodeURIComponent(u.hash.slice(1));
    if (id && !ids.has(id)) broken.push(`${from} → ${href} (no element with id "${id}")`);
  }
  expect(broken).toEqual([]);
  expect(links.filter((l) => l.href.includes('#')).length).toBeGreaterThan(10);
});

test('traversal attempts and odd names get a 404', async ({ request }) => {
  const link = path.join(docsDir, 'e2e-escape.md');
  fs.rmSync(link, { force: true });
  fs.symlinkSync('../package.json', link);
  try {
    for (const p of ['/docs/..%2Fpackage.json', '/docs/..%2F..%2Fetc%2Fpasswd', '/docs/%2e%2e%2fpackage', '/docs/..%5Cpackage', '/docs/mini.md', '/docs/mini%00', '/docs/%24(id)', '/docs/a%3Bls', '/docs/%60id%60', '/docs/e2e-escape', '/docs/no-such-doc']) {
      const r = await request.get(p);
      expect(r.status(), p).toBe(404);
      expect(await r.text(), p).not.toContain('"private": true');
    }
    expect(await (await request.get('/docs')).text()).not.toContain('e2e-escape');
  } finally {
    fs.rmSync(link, { force: true });
  }
});

test('edits show up without a restart; huge and hostile files are handled', async ({ page }) => {
  const files = ['e2e-new.md', 'e2e-huge.md', 'e2e-hostile.md'].map((f) => path.join(docsDir, f));
  try {
    fs.writeFileSync(files[0], '# Fresh page\n\nWritten by the test.\n');
    await page.goto('/docs');
    await expect(page.getByTestId('docs-list')).toContainText('Fresh page');
    fs.writeFileSync(files[0], '# Fresh page, edited\n\nChanged by the test.\n');
    await page.goto('/docs/e2e-new');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Fresh page, edited/);

    fs.writeFileSync(files[1], '# Huge\n\n' + 'word '.repeat(200_000));
    await page.goto('/docs/e2e-huge');
    await expect(page.getByTestId('doc-problem')).toContainText(/larger than 512 KB/);

    fs.writeFileSync(files[2], '# Hostile\n\n<script>window.pwned = 1</script>\n\n<img src="x" onerror="window.pwned = 2">\n\n[click](javascript:window.pwned=3)\n');
    await page.goto('/docs/e2e-hostile');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Hostile/);
    // The javascript: link loses its href, so it is not even a link any more.
    await expect(page.getByTestId('doc').getByText('click')).toBeVisible();
    await expect(page.locator('[data-testid="doc"] a[href^="javascript"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('[data-testid="doc"] [onerror], [data-testid="doc"] script').count()).toBe(0);
  } finally {
    for (const f of files) fs.rmSync(f, { force: true });
  }
});

test('docs on a phone, in dark mode', async ({ browser }) => {
  const ctx = await phoneDark(browser);
  const page = await ctx.newPage();
  await page.goto('/docs/mini-vm');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSideScroll(page);
  await shot(page, 'docs-phone-dark');
  await ctx.close();
});

test.describe('where the docs come from', () => {
  // Each test starts a dashboard of its own and renders docs on a cold server: a start-up budget.
  test.describe.configure({ timeout: 120_000 });
  let dir: string;
  test.beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-config-'));
  });
  test.afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The main lab's config, kept in a folder of its own far from the checkout, with these docs lines. */
  const configElsewhere = (docsLines: string) => {
    const file = path.join(dir, 'config', 'dashboard.config.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, fs.readFileSync(mainLabConfig, 'utf8').replace(/^docs:.*\n/m, '') + docsLines);
    return file;
  };

  test('a config kept in another folder, without docs.dir, shows the docs that ship with the app', async ({ page, launch }) => {
    const d = await launch({ lab: 'main', config: configElsewhere('') });
    await page.goto(`${d.url}/docs`);
    await expect(page.getByTestId('docs-list').getByRole('link')).toContainText(['The dashboard', 'mini (the Mac mini)', 'mini-vm']);
    await page.goto(`${d.url}/docs/mini-vm`);
    await expect(page.getByRole('heading', { level: 1, name: /mini-vm/ })).toBeVisible();
  });

  test('an explicit docs.dir is read relative to the config file', async ({ page, launch }) => {
    fs.mkdirSync(path.join(dir, 'config', 'notes'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'config', 'notes', 'own.md'), '# Our own notes\n\nKept beside the config.\n');
    const d = await launch({ lab: 'main', config: configElsewhere('docs: { dir: notes }\n') });
    await page.goto(`${d.url}/docs`);
    await expect(page.getByTestId('docs-list').getByRole('link')).toHaveText(['Our own notes']);
  });
});

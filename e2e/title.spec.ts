import fs from 'node:fs';
import path from 'node:path';
import { expect, mainLabConfig, test } from './harness/dashboard';

// `title` in the config names the dashboard: the header and every page title.
test('title: "Lab" names the dashboard in the header and in the page titles', async ({ launch, page }) => {
  // A second server has to start first.
  test.setTimeout(90_000);
  const file = path.join(path.dirname(mainLabConfig), 'title-lab.yaml');
  fs.writeFileSync(file, fs.readFileSync(mainLabConfig, 'utf8').replace(/^title:.*$/m, 'title: Lab'));
  try {
    const d = await launch({ lab: 'main', config: file });
    await page.goto(d.url + '/');
    await expect(page.getByTestId('site-title')).toHaveText('Lab');
    await expect(page).toHaveTitle('Lab');
    await page.goto(d.url + '/docs');
    await expect(page).toHaveTitle('Docs · Lab');
    await page.goto(d.url + '/services/jellyfin');
    await expect(page).toHaveTitle('Jellyfin history · Lab');
    await expect(page.getByTestId('site-title')).toHaveText('Lab');
  } finally {
    fs.rmSync(file, { force: true });
  }
});

test('the demo keeps its own title, the first word weighted', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('site-title')).toHaveText('mini-vm (demo)');
  await expect(page).toHaveTitle('mini-vm (demo)');
});

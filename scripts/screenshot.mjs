#!/usr/bin/env node
// Take a screenshot of a page in Chromium: node scripts/screenshot.mjs URL OUT.png [--phone] [--dark]
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from './chromium.mjs';

const [url, out] = process.argv.slice(2);
const phone = process.argv.includes('--phone');
const dark = process.argv.includes('--dark');
const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: chromiumArgs });
const page = await browser.newPage({
  viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
  deviceScaleFactor: phone ? 2 : 1,
  colorScheme: dark ? 'dark' : 'light',
});
await page.goto(url, { waitUntil: 'load' });
await page.waitForTimeout(400);
await page.screenshot({ path: out, fullPage: true });
await browser.close();

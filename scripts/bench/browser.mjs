import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from '../chromium.mjs';

/**
 * Navigation to the moment every card shows its state, with the snapshot already warm. Also
 * counts the /api/status requests the page made before that moment: it should need none.
 */
export async function firstFullStatus(url, runs = 7) {
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: chromiumArgs });
  try {
    const samples = [];
    let clientRequests = 0;
    for (let i = 0; i < runs; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      let statusCalls = 0;
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/status') statusCalls++;
      });
      const t0 = performance.now();
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction(() => {
        const cards = [...document.querySelectorAll('[data-testid^="service-"], [data-testid^="machine-"], [data-testid="orbstack"]')];
        return cards.length >= 5 && cards.every((c) => c.getAttribute('data-state') && c.getAttribute('data-state') !== 'unknown');
      }, undefined, { polling: 'raf' });
      const ms = performance.now() - t0;
      if (i > 0) samples.push(ms); // the first run warms Chromium itself
      clientRequests += statusCalls;
      await ctx.close();
    }
    samples.sort((a, b) => a - b);
    return { medianMs: Math.round(samples[Math.floor(samples.length / 2)]), p95Ms: Math.round(samples[samples.length - 1]), clientRequests };
  } finally {
    await browser.close();
  }
}

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
    const wall = [];
    let clientRequests = 0;
    // One context, so the CSS and scripts are cached as on a wall tablet that has seen the page before.
    const ctx = await browser.newContext();
    for (let i = 0; i < runs; i++) {
      const page = await ctx.newPage();
      let statusCalls = 0;
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/status') statusCalls++;
      });
      const t0 = performance.now();
      await page.goto(url, { waitUntil: 'commit' });
      // Timed by the page's own clock from navigation start, so the driver's latency is not in it.
      const shown = await page.waitForFunction(() => {
        const cards = [...document.querySelectorAll('[data-testid^="service-"], [data-testid^="machine-"], [data-testid="orbstack"]')];
        const ok = cards.length >= 5 && cards.every((c) => c.getAttribute('data-state') && c.getAttribute('data-state') !== 'unknown');
        return ok ? performance.now() : false;
      }, undefined, { polling: 'raf' });
      const ms = await shown.jsonValue();
      wall.push(performance.now() - t0);
      const neededCalls = statusCalls; // later polls are the page staying fresh, not first paint
      if (i > 0) samples.push(ms); // the first run warms Chromium itself
      clientRequests += neededCalls;
      await page.close();
    }
    await ctx.close();
    samples.sort((a, b) => a - b);
    wall.sort((a, b) => a - b);
    return { medianMs: Math.round(samples[Math.floor(samples.length / 2)]), worstMs: Math.round(samples[samples.length - 1]), wallMedianMs: Math.round(wall[Math.floor(wall.length / 2)]), clientRequests };
  } finally {
    await browser.close();
  }
}

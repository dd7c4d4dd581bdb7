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
    const seen = [];
    let clientRequests = 0;
    // One context, so the CSS and scripts are cached as on a wall tablet that has seen the page before.
    const ctx = await browser.newContext();
    for (let i = 0; i < runs; i++) {
      const page = await ctx.newPage();
      let statusCalls = 0;
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/status') statusCalls++;
      });
      // Element Timing: each state badge carries elementtiming, and the browser records the
      // moment it first paints it. Observed from before the page's own scripts run.
      await page.addInitScript(() => {
        const w = window;
        w.__statePaints = [];
        new PerformanceObserver((list) => w.__statePaints.push(...list.getEntries())).observe({ type: 'element', buffered: true });
      });
      const t0 = performance.now();
      await page.goto(url, { waitUntil: 'commit' });
      // Timed by the page's own clock from navigation start, so the driver's latency is not in it:
      // the paint time of the last card's state, once every card shows one.
      const shown = await page.waitForFunction(() => {
        const cards = [...document.querySelectorAll('[data-testid^="service-"], [data-testid^="machine-"], [data-testid="orbstack"]')];
        const ok = cards.length >= 5 && cards.every((c) => c.getAttribute('data-state') && c.getAttribute('data-state') !== 'unknown');
        if (!ok) return false;
        const painted = cards.map((c) => window.__statePaints.find((e) => e.element && c.contains(e.element))?.renderTime);
        return painted.every((t) => t > 0) ? { paintedMs: Math.max(...painted), seenMs: performance.now() } : false;
      }, undefined, { polling: 'raf' });
      const { paintedMs: ms, seenMs } = await shown.jsonValue();
      seen.push(seenMs);
      wall.push(performance.now() - t0);
      const neededCalls = statusCalls; // later polls are the page staying fresh, not first paint
      if (i > 0) samples.push(ms); // the first run warms Chromium itself
      clientRequests += neededCalls;
      await page.close();
    }
    await ctx.close();
    const median = (xs) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
    return { medianMs: median(samples), worstMs: Math.round(Math.max(...samples)), seenMedianMs: median(seen.slice(1)), wallMedianMs: median(wall), clientRequests };
  } finally {
    await browser.close();
  }
}

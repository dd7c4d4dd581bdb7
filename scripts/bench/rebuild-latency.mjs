import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from '../chromium.mjs';
import { PASSWORD, sameOrigin } from './rebuild-api.mjs';

const lineRe = /timed> line (\d+) printed-at (\d+)/;

// Runs in the page before its own scripts. Each log line carries the fake nixos-rebuild's clock at
// the moment it wrote the line; the page notes its clock when the line enters the DOM and when the
// next animation frame (the one that paints it) starts. Both processes read the same system clock.
function observe(reSource) {
  const re = new RegExp(reSource);
  const w = window;
  w.__rebuildLat = { liveAt: 0, seen: [] };
  let waiting = [];
  let frameAsked = false;
  new MutationObserver((mutations) => {
    const now = Date.now();
    for (const m of mutations) {
      for (const n of m.addedNodes) {
        if (n.nodeType !== 1) continue;
        const hit = re.exec(n.textContent ?? '');
        if (!hit) continue;
        const rec = { n: Number(hit[1]), printed: Number(hit[2]), dom: now, frame: 0 };
        w.__rebuildLat.seen.push(rec);
        waiting.push(rec);
      }
    }
    if (!w.__rebuildLat.liveAt && document.querySelector('[data-testid="connection"]')?.textContent?.includes('live')) w.__rebuildLat.liveAt = now;
    if (waiting.length && !frameAsked) {
      frameAsked = true;
      requestAnimationFrame(() => {
        const t = Date.now();
        for (const r of waiting) r.frame = t;
        waiting = [];
        frameAsked = false;
      });
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/**
 * Start one rebuild of the lab's `timed` scenario (signed in, through the API, as the UI does),
 * open its page in Chromium and measure, per line, print time → on the page.
 */
export async function rebuildLogLatency(stack, { lines = 200 } = {}) {
  await stack.control('/rebuild', { scenario: 'timed', speed: 1, lines });
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: chromiumArgs });
  try {
    const ctx = await browser.newContext({ baseURL: stack.url });
    const signIn = await ctx.request.post('/api/session', { headers: sameOrigin(stack.url), data: { password: PASSWORD } });
    if (!signIn.ok()) throw new Error(`sign-in failed: HTTP ${signIn.status()} ${await signIn.text()}`);
    const page = await ctx.newPage();
    await page.addInitScript(observe, lineRe.source);
    const start = await ctx.request.post('/api/rebuild', { headers: sameOrigin(stack.url), data: { target: 'mini-vm', mode: 'switch' } });
    if (start.status() !== 202) throw new Error(`the rebuild did not start: HTTP ${start.status()} ${await start.text()}`);
    const { id } = await start.json();
    await page.goto(`/rebuilds/${id}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="rebuild-run"]')?.getAttribute('data-outcome') !== 'running', undefined, { timeout: 120_000, polling: 500 });
    const outcome = await page.getAttribute('[data-testid="rebuild-run"]', 'data-outcome');
    // The last frame stamp lands one frame after the last insertion.
    await page.waitForFunction(() => window.__rebuildLat.seen.every((r) => r.frame > 0), undefined, { timeout: 5000 });
    const { liveAt, seen } = await page.evaluate(() => window.__rebuildLat);
    await ctx.close();
    // Lines printed before the page's stream was live came from the replay of the log file; not a live latency.
    const live = seen.filter((r) => liveAt && r.printed >= liveAt);
    const frame = live.map((r) => r.frame - r.printed).sort((a, b) => a - b);
    const dom = live.map((r) => r.dom - r.printed).sort((a, b) => a - b);
    return {
      id,
      outcome,
      printed: lines,
      seen: seen.length,
      measured: live.length,
      p50: pct(frame, 50),
      p95: pct(frame, 95),
      max: frame[frame.length - 1],
      domP50: pct(dom, 50),
      domP95: pct(dom, 95),
    };
  } finally {
    await browser.close();
  }
}

import { expect, type Browser, type Page } from '@playwright/test';
import type { MatrixReceived } from '../demo/lab/matrix-sim.mjs';
import type { SinkMessage } from '../demo/lab/ntfy-sink.mjs';
import { controlPortOf, mainPortOf, slot } from './ports';

/**
 * The port of this worker's main dashboard, which playwright.config.ts starts (one per worker, see
 * e2e/ports.ts); `baseURL` points at it, and its demo lab's control API is on the next port.
 */
export const mainPort = mainPortOf(slot);

export type LabControl = ReturnType<typeof labControl>;

/** Talks to a demo home lab's control API (demo/lab/index.mjs), a real process on loopback. */
export function labControl(controlUrl: string) {
  const post = async (path: string, body: unknown = {}) => {
    const r = await fetch(controlUrl + path, { method: 'POST', body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`lab ${path}: HTTP ${r.status} ${await r.text()}`);
  };
  return {
    controlUrl,
    reset: () => post('/reset'),
    service: (id: string, condition: string) => post('/service', { id, condition }),
    orb: (condition: string) => post('/orb', { condition }),
    machine: (m: { name?: string; state?: string; address?: string }) => post('/machine', m),
    hop: (name: 'mini' | 'bee', condition: 'up' | 'down' | '502') => post('/hop', { name, condition }),
    vmReach: (target: string, reachable: boolean) => post('/vm-reach', { target, reachable }),
    resetStats: () => post('/stats/reset'),
    /** The fake nixos-rebuild's next runs: scenario, speed factor (1 ≈ 10 s), output size for flood. */
    rebuild: (scenario: string, opts: { speed?: number; bytes?: number } = {}) => post('/rebuild', { scenario, ...opts }),
    stats: async (): Promise<Record<string, Record<string, number>>> => (await fetch(controlUrl + '/stats')).json(),
    /** The Matrix simulator: what the room got, every request, and its mode (ok, refuse, hang, rate-limit, ...). */
    matrix: async (): Promise<MatrixReceived> => (await fetch(controlUrl + '/matrix')).json(),
    setMatrix: (body: { mode: string; times?: number; retryAfterMs?: number }) => post('/matrix', body),
    /** The ntfy-like sink the fallback posts to. */
    sink: async (): Promise<{ mode: string; received: SinkMessage[] }> => (await fetch(controlUrl + '/sink')).json(),
    setSink: (body: { mode: string; times?: number }) => post('/sink', body),
  };
}

/** The lab behind this worker's main dashboard: no other worker changes its conditions. */
export const lab = labControl(`http://127.0.0.1:${controlPortOf(slot)}`);

/** Wait until the dashboard has probed the lab's current condition (the poller runs every second). */
export async function expectServiceState(page: Page, id: string, state: string) {
  await expect(page.getByTestId(`service-${id}`)).toHaveAttribute('data-state', state);
}

/** A mark on the page's window: still there later only if the page never reloaded. */
export const mark = (page: Page, value: number) => page.evaluate((v) => ((window as unknown as { marker: number }).marker = v), value);
export const marked = (page: Page) => page.evaluate(() => (window as unknown as { marker?: number }).marker);

/** A fresh browser context the size of a phone, in dark mode; close it when done. */
export const phoneDark = (browser: Browser) => browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });

/** The page fits its viewport: nothing to scroll sideways. */
export async function expectNoSideScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/**
 * Screenshots land in test-results/; with UPDATE_SCREENSHOTS=1 they also replace the ones the
 * README shows (public/screenshots), so those are always made by this suite.
 */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: `public/screenshots/${name}.png`, fullPage: true });
}

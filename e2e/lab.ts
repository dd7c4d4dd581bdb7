import { expect, type Page } from '@playwright/test';

// Talks to the demo home lab's control API (demo/lab/index.mjs), a real process on loopback.
const controlUrl = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1}`;

async function post(path: string, body: unknown = {}) {
  const r = await fetch(controlUrl + path, { method: 'POST', body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`lab ${path}: HTTP ${r.status} ${await r.text()}`);
}

export const lab = {
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
};

/** Wait until the dashboard has probed the lab's current condition (the poller runs every second). */
export async function expectServiceState(page: Page, id: string, state: string) {
  await expect(page.getByTestId(`service-${id}`)).toHaveAttribute('data-state', state);
}

/**
 * Screenshots land in test-results/; with UPDATE_SCREENSHOTS=1 they also replace the ones the
 * README shows (public/screenshots), so those are always made by this suite.
 */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: `public/screenshots/${name}.png`, fullPage: true });
}

import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

// Every dashboard a spec starts inherits these: probes refuse anything but loopback, and Next.js
// sends no telemetry.
process.env.DASHBOARD_LOOPBACK_ONLY = '1';
process.env.NEXT_TELEMETRY_DISABLED = '1';

// Each run gets its own ports and state folder, so parallel checkouts do not collide.
const port = Number(process.env.E2E_PORT ?? 3100);
export const controlPort = port + 1;

export default defineConfig({
  testDir: 'e2e',
  // The specs share one demo home lab and change its conditions: one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium() ?? undefined, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node demo/run.mjs --no-build --fresh --port ${port} --control-port ${controlPort} --state demo/.state-e2e-${port} --poll 1000 --check-interval 1000 --timeout 1500`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    // SIGTERM lets demo/run.mjs stop the dashboard and the lab's servers before it exits.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E: '1' },
  },
});

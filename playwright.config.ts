import { defineConfig } from '@playwright/test';
import { controlPortOf, mainPortOf, slot, workerCount } from './e2e/ports';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

// Every dashboard a spec starts inherits these: probes refuse anything but loopback, and Next.js
// sends no telemetry.
process.env.DASHBOARD_LOOPBACK_ONLY = '1';
process.env.NEXT_TELEMETRY_DISABLED = '1';

// Each worker has a main dashboard and a demo lab of its own (ports and state folder by worker
// slot, see e2e/ports.ts), so specs in different files never see each other's lab conditions.
// Within a file, tests run in order in one worker.
const workers = workerCount();

const mainServer = (i: number) => ({
  command: `node demo/run.mjs --no-build --fresh --port ${mainPortOf(i)} --control-port ${controlPortOf(i)} --state demo/.state-e2e-${mainPortOf(i)} --poll 1000 --check-interval 1000 --timeout 1500`,
  url: `http://127.0.0.1:${mainPortOf(i)}/api/health`,
  reuseExistingServer: false,
  // SIGTERM lets demo/run.mjs stop the dashboard and the lab's servers before it exits.
  gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
  timeout: 60_000,
  stdout: 'pipe' as const,
  stderr: 'pipe' as const,
  env: { E2E: '1' },
});

export default defineConfig({
  testDir: 'e2e',
  workers,
  fullyParallel: false,
  retries: 0,
  // Budgets, not delays: a passing test takes no longer for them. They are set for a 2-core
  // machine that runs other work too, where a probe round or a page load can take seconds.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    // Evaluated again in each worker, where `slot` is that worker's own.
    baseURL: `http://127.0.0.1:${mainPortOf(slot)}`,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium() ?? undefined, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: Array.from({ length: workers }, (_, i) => mainServer(i)),
});

import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'demo/**/*.test.mjs', 'app/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.mjs', 'nix/**/*.test.mjs'],
    environment: 'node',
    // Tests never reach past loopback (lib/loopback-only.ts).
    env: { DASHBOARD_LOOPBACK_ONLY: '1' },
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});

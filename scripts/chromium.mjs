import fs from 'node:fs';
import { chromium } from '@playwright/test';

// Flags that keep Chromium from reaching out to the network or needing a sandbox/GPU here.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own browser if one is installed. */
export function findChromium(env = process.env) {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    /* no bundled browser */
  }
  return candidates.find((p) => p && fs.existsSync(p)) ?? null;
}

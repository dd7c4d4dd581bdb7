#!/usr/bin/env node
// `npm test`: unit tests, then a production build, then the browser tests against the demo home lab.
// Ends with one line "N passed, N failed" summing both suites.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findChromium } from './chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const bin = (n) => path.join(root, 'node_modules/.bin', n);
const e2eOnly = process.argv.includes('--e2e-only');
const extra = process.argv.slice(2).filter((a) => a !== '--e2e-only');
let passed = 0;
let failed = 0;

function step(title, cmd, args, env = {}) {
  console.log(`\n── ${title} ──`);
  // Next.js telemetry would phone home; nothing here may leave loopback.
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
  return r.status ?? 1;
}

function readJson(p) {
  try {
    return JSON.parse(fs.readFileSync(p, 'utf8'));
  } catch {
    return null;
  }
}

/** As root on Debian, install what a test needs from Debian's packages; false when it cannot. */
function aptInstall(missing, packages) {
  if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) return false;
  console.log(`No ${missing} found; installing Debian's ${packages[0]} package…`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  return spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit' }).status === 0;
}

// The Nix tests (nix/tests) evaluate the flake's modules with nix-instantiate.
function ensureNix() {
  const found = () => !spawnSync('nix-instantiate', ['--version'], { stdio: 'ignore' }).error;
  if (found()) return;
  if (aptInstall('nix-instantiate', ['nix-bin']) && found()) return;
  console.error('\nThe Nix tests need nix-instantiate and none was found.\n  Debian/Ubuntu:  sudo apt-get install -y nix-bin\n  macOS:          install Nix (https://nixos.org/download)\n');
  process.exit(1);
}

function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  if (aptInstall('Chromium', ['chromium', 'fonts-liberation'])) {
    found = findChromium();
    if (found) return found;
  }
  console.error(
    '\nThe browser tests need Chromium and none was found.\n' +
      '  Debian/Ubuntu:  sudo apt-get install -y --no-install-recommends chromium fonts-liberation\n' +
      '  or point CHROMIUM_PATH at a Chromium or Chrome binary.\n',
  );
  process.exit(1);
}

fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });

if (!e2eOnly) {
  ensureNix();
  const unitJson = path.join(root, 'test-results/unit.json');
  fs.rmSync(unitJson, { force: true });
  const code = step('unit tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
  const u = readJson(unitJson);
  passed += u?.numPassedTests ?? 0;
  failed += u?.numFailedTests ?? 0;
  if (code !== 0 && !u?.numFailedTests) failed += 1;
}

ensureChromium();
if (step('production build', bin('next'), ['build']) !== 0) {
  console.log(`\n${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}

const e2eJson = path.join(root, 'test-results/e2e.json');
fs.rmSync(e2eJson, { force: true });
const e2eCode = step('browser tests (Playwright, Chromium)', bin('playwright'), ['test', ...extra]);
const e = readJson(e2eJson);
passed += e?.stats?.expected ?? 0;
failed += (e?.stats?.unexpected ?? 0) + (e?.stats?.flaky ?? 0);
// A run that failed without a failing test (the server did not start, say) still counts as a failure.
if (e2eCode !== 0 && !e?.stats?.unexpected) failed += 1;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || e2eCode !== 0 ? 1 : 0);

#!/usr/bin/env node
// `npm run demo`: build if needed, start the simulated home lab and the dashboard against it.
// Ctrl-C stops every child. Also used by the browser tests (with other ports and a faster poll).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfNeeded } from '../scripts/build-state.mjs';
import { nextStartArgs } from '../scripts/next-start.mjs';
import { demoRoot, startLab } from './lab/index.mjs';

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    'control-port': { type: 'string', default: '3999' },
    state: { type: 'string', default: path.join(demoRoot, 'demo/.state') },
    poll: { type: 'string', default: '5000' },
    'check-interval': { type: 'string' },
    timeout: { type: 'string', default: '3000' },
    'no-build': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
  },
});

const DEMO_PASSWORD = 'demo-password';
const distDir = process.env.NEXT_DIST_DIR || '.next';
const nextBin = path.join(demoRoot, 'node_modules/.bin/next');

function buildFirst() {
  if (opt['no-build']) return;
  try {
    buildIfNeeded({ distDir });
  } catch (e) {
    console.error(`${e.message}.`);
    process.exit(1);
  }
}

buildFirst();
if (opt.fresh) fs.rmSync(opt.state, { recursive: true, force: true });
const lab = await startLab({
  stateDir: opt.state,
  ports: { control: Number(opt['control-port']) },
  pollIntervalMs: Number(opt.poll),
  checkIntervalMs: opt['check-interval'] ? Number(opt['check-interval']) : undefined,
  timeoutMs: Number(opt.timeout),
});

const server = spawn(process.execPath, nextStartArgs(opt.host, opt.port), {
  cwd: demoRoot,
  // Same process group as this script: whoever kills the group kills the server too.
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    DASHBOARD_CONFIG: lab.configPath,
    DASHBOARD_DATA_DIR: path.join(opt.state, 'data'),
    DASHBOARD_PASSWORD: process.env.DASHBOARD_PASSWORD ?? DEMO_PASSWORD,
    DASHBOARD_DEMO: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    // The demo talks to loopback only; the guard refuses anything else (lib/loopback-only.ts).
    DASHBOARD_LOOPBACK_ONLY: '1',
  },
});

const url = `http://${opt.host === '0.0.0.0' ? '127.0.0.1' : opt.host}:${opt.port}`;
console.log(`\n  mini-vm dashboard (demo)   ${url}`);
console.log(`  admin password            ${process.env.DASHBOARD_PASSWORD ?? DEMO_PASSWORD}`);
console.log(`  demo lab control          ${lab.controlUrl}  (POST /service {"id":"jellyfin","condition":"hang"}, /hop, /vm-reach, /orb, /machine, /rebuild {"scenario":"failed-units"}, /matrix, /sink, /reset)`);
console.log('  Ctrl-C stops everything.\n');

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
  const killer = setTimeout(() => server.kill('SIGKILL'), 3000);
  await new Promise((r) => (server.exitCode !== null || server.signalCode !== null ? r() : server.once('exit', r)));
  clearTimeout(killer);
  await lab.stop();
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.on('exit', (code) => {
  if (!stopping) {
    console.error(`The dashboard exited (code ${code}).`);
    stop(code || 1);
  }
});

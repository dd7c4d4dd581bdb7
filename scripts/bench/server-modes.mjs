#!/usr/bin/env node
// Which way of running the production server is lightest: `npm start` (npm and a shell above the
// server, as a plist running npm would), `node …/next start` (what `npm run service` installs), or
// Next's standalone output (`node .next-standalone/standalone/server.js`). Start-up time to the
// first /api/health and to the first page, and resident memory of the whole process tree.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startLab } from '../../demo/lab/index.mjs';
import { rssMb, sleep } from './measure.mjs';
import { root } from './servers.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3660);
const SA = '.next-standalone';

function buildStandalone() {
  const dir = path.join(root, SA, 'standalone');
  if (!fs.existsSync(path.join(dir, 'server.js'))) {
    // next build adds its dist folder's types to tsconfig.json; this build is not the project's.
    const tsconfig = fs.readFileSync(path.join(root, 'tsconfig.json'));
    const r = spawnSync(path.join(root, 'node_modules/.bin/next'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_OUTPUT: 'standalone', NEXT_DIST_DIR: SA, NEXT_TELEMETRY_DISABLED: '1' } });
    fs.writeFileSync(path.join(root, 'tsconfig.json'), tsconfig);
    if (r.status !== 0) throw new Error('the standalone build failed');
  }
  // Standalone output leaves the static files and public/ to be copied by whoever deploys it.
  fs.cpSync(path.join(root, SA, 'static'), path.join(dir, SA, 'static'), { recursive: true });
  fs.cpSync(path.join(root, 'public'), path.join(dir, 'public'), { recursive: true });
  return dir;
}

const modes = {
  'npm start': (port) => ['npm', ['start'], { HOST: '127.0.0.1', PORT: String(port) }],
  'node next start': (port) => [process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {}],
  standalone: (port) => [process.execPath, [path.join(root, SA, 'standalone/server.js')], { HOSTNAME: '127.0.0.1', PORT: String(port) }],
};

function get(port, p, host = `127.0.0.1:${port}`) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.on('data', (b) => (body += b));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
  });
}

let current = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current) process.kill(-current.pid, 'SIGKILL');
    process.exit(1);
  });
}

async function measure(name, lab, port) {
  const [cmd, args, extra] = modes[name](port);
  const env = { ...process.env, ...extra, DASHBOARD_CONFIG: lab.configPath, DASHBOARD_DATA_DIR: path.join(lab.stateDir, `data-${port}`), DASHBOARD_PASSWORD: 'bench', DASHBOARD_LOOPBACK_ONLY: '1', NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  current = child;
  try {
    while ((await get(port, '/api/health')).status !== 200) {
      if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}`);
      await sleep(20);
    }
    const health = performance.now() - t0;
    const page = await get(port, '/');
    const first = performance.now() - t0;
    const nonce = /'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))?.[1];
    const ready = rssMb(child.pid);
    for (let i = 0; i < 20; i++) for (const p of ['/', '/api/status', '/docs']) await get(port, p);
    await sleep(20_000);
    const checks = { nonce: Boolean(nonce && page.body.includes(`nonce="${nonce}"`)), foreignHost: (await get(port, '/api/health', 'evil.example')).status, asset: (await get(port, '/screenshots/status.png')).status };
    return { health, first, ready, settled: rssMb(child.pid), checks };
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
}

buildStandalone();
const lab = await startLab({ stateDir: path.join(root, `demo/.state-modes-${PORT}`), pollIntervalMs: 15_000, timeoutMs: 1500 });
const results = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
try {
  for (let run = 0; run < RUNS; run++) {
    for (const name of run % 2 ? Object.keys(modes).reverse() : Object.keys(modes)) {
      results[name].push(await measure(name, lab, PORT + run));
      console.log(name, JSON.stringify(results[name].at(-1)));
    }
  }
} finally {
  await lab.stop();
  fs.rmSync(lab.stateDir, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('\n| way | to /api/health | to first page | RSS ready | RSS after 60 requests + 20 s | CSP nonce, foreign Host, static file |\n|---|---|---|---|---|---|');
for (const [name, rs] of Object.entries(results)) {
  const c = rs[0].checks;
  console.log(`| ${name} | ${(median(rs.map((r) => r.health)) / 1000).toFixed(2)} s | ${(median(rs.map((r) => r.first)) / 1000).toFixed(2)} s | ${median(rs.map((r) => r.ready))} MB | ${median(rs.map((r) => r.settled))} MB | ${c.nonce ? 'nonce ok' : 'NO NONCE'}, ${c.foreignHost}, ${c.asset} |`);
}

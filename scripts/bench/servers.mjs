import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { nextStartArgs } from '../next-start.mjs';

export const root = path.resolve(import.meta.dirname, '../..');
const nextBin = path.join(root, 'node_modules/.bin/next');

/** Build once if there is no production build yet; the bench measures what `next start` serves. */
export function ensureBuild() {
  if (fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) return;
  console.log('No production build; running next build…');
  const r = spawnSync(nextBin, ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('next build failed');
}

/** The demo home lab plus `next start` on loopback, with the constant bench route switched on. */
export async function startStack({ port, stateDir, pollMs, timeoutMs, rebuildLine }) {
  fs.rmSync(stateDir, { recursive: true, force: true });
  const labChild = spawn(process.execPath, [path.join(import.meta.dirname, 'lab-process.mjs'), stateDir, String(pollMs), String(timeoutMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lab = await new Promise((resolve, reject) => {
    labChild.stdout.once('data', (b) => resolve(JSON.parse(b.toString())));
    labChild.once('exit', (c) => reject(new Error(`the demo lab exited (${c})`)));
  });
  // A rebuild section of the caller's (a larger log cap, say) instead of the lab's.
  if (rebuildLine) fs.writeFileSync(lab.configPath, fs.readFileSync(lab.configPath, 'utf8').replace(/^rebuild:.*$/m, rebuildLine));
  lab.stop = async () => {
    if (labChild.exitCode !== null) return;
    labChild.kill('SIGTERM');
    await new Promise((r) => labChild.once('exit', r));
  };
  const child = spawn(process.execPath, nextStartArgs('127.0.0.1', port), {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DASHBOARD_CONFIG: lab.configPath,
      DASHBOARD_DATA_DIR: path.join(stateDir, 'data'),
      DASHBOARD_BENCH: '1',
      DASHBOARD_DEMO: '1',
      // The rebuild figures sign in, as demo/run.mjs allows.
      DASHBOARD_PASSWORD: process.env.DASHBOARD_PASSWORD ?? 'demo-password',
      NEXT_TELEMETRY_DISABLED: '1',
      DASHBOARD_LOOPBACK_ONLY: '1',
      NODE_ENV: 'production',
      // Lets the bench route force a collection before it reports the heap.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim(),
    },
  });
  const log = [];
  child.stdout.on('data', (b) => log.push(b.toString()));
  child.stderr.on('data', (b) => log.push(b.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${url}/api/health`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await lab.stop();
      throw new Error(`the dashboard did not start:\n${log.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid,
    lab,
    log,
    /** Heap in use after a full collection, from inside the server (bench route). */
    async heapMb() {
      return (await (await fetch(`${url}/api/bench?memory=1`)).json()).heapUsedMb;
    },
    async control(p, body = {}) {
      const r = await fetch(lab.controlUrl + p, { method: p === '/stats' ? 'GET' : 'POST', body: p === '/stats' ? undefined : JSON.stringify(body) });
      return r.json();
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await new Promise((r) => child.once('exit', r));
        clearTimeout(killer);
      }
      await lab.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** A bare node:http server answering the same bytes: what the machine can do without a framework. */
export async function startBare(body) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((r) => server.close(() => r())) };
}

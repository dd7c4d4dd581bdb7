import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { test as base } from '@playwright/test';
import type { AlertOptions } from '../../demo/lab/control-alerts.mjs';
import { startLab, type Lab } from '../../demo/lab/index.mjs';
import { nextStartArgs } from '../../scripts/next-start.mjs';
import { lab as mainLab, labControl, mainPort, type LabControl } from '../lab';

// The one launcher for dashboards a spec starts besides the main one: each gets a port of its own
// from the OS and is stopped, with its private demo lab, however the test ends.

const root = path.resolve(import.meta.dirname, '../..');
// Known to the specs, so they can sign a session cookie of their own (an expired one, say).
export const HARNESS_PASSWORD = 'harness-admin-password';
export const HARNESS_SESSION_SECRET = 'harness-session-secret-0123456789';
const DEMO_PASSWORD = 'demo-password';
// `next start` takes a second or two here, but much longer while the machine is busy.
const START_MS = 60_000;
/** The config this worker's main lab wrote (playwright.config.ts starts it with this state folder, see e2e/ports.ts). */
export const mainLabConfig = path.join(root, `demo/.state-e2e-${mainPort}/dashboard.config.yaml`);

const handedOut = new Set<number>();
/**
 * A port nothing listens on, from the OS's ephemeral range (so never one of the fixed E2E_PORTs),
 * and never one handed out before in this worker: no two launched dashboards share a port.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer().once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request with nothing normalised: the path goes out exactly as written (".." and all),
 * any Host header can be set, and the source can be another loopback address (another client to
 * the server), none of which fetch or Playwright allow.
 */
export function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer; localAddress?: string; timeoutMs?: number }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, localAddress: opts.localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(opts.timeoutMs ?? 15_000, () => req.destroy(new Error(`no answer to ${opts.path}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Whether a server answers on the port at all (the port may belong to something that never does). */
const health = (port: number) => raw(port, { path: '/api/health', timeoutMs: 2000 });

export interface DashboardOptions {
  /** A port from freePort(), for a spec that must know it before the server starts; by default one is asked for. */
  port?: number;
  /** 'private' (the default): a demo lab of its own; 'main': the lab behind the main dashboard. */
  lab?: 'private' | 'main';
  /** A private lab's poll interval (network checks too), probe timeout and extra config lines. */
  pollMs?: number;
  timeoutMs?: number;
  extraConfig?: string;
  /** A private lab's alerting waits (settle, retry delays; demo/lab/control-alerts.mjs). */
  alerts?: AlertOptions;
  /** A config file to use instead of the lab's. */
  config?: string;
  /** By default a folder in the private lab's state, or a fresh one under test-results. */
  dataDir?: string;
  /**
   * 'harness' (the default): a password and session secret the specs know, so they can sign cookies;
   * 'demo': the demo password (shown on the page) and a session key the server keeps in its data dir.
   */
  auth?: 'harness' | 'demo';
  /** More environment; undefined removes a variable. */
  env?: Record<string, string | undefined>;
}

export interface Dashboard {
  readonly port: number;
  readonly url: string;
  /** The server process, leader of its own process group. */
  readonly pid: number;
  readonly lab: LabControl;
  /** Lines the server printed to stderr, and those on stdout that look like errors. */
  errorLines(): string[];
  /** Stop the server alone (SIGKILL: a crash); the lab and the data stay, for restart(). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Start the server again with the same config and data. */
  restart(): Promise<void>;
  /** Stop the server, then a private lab, and remove the state the harness made. Safe to call twice. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ChildProcess>();
// A worker that exits with a server still up (a crashed hook, say) takes the server's group with it.
process.on('exit', () => {
  for (const c of running) killGroup(c, 'SIGKILL');
});

function killGroup(c: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-c.pid!, signal);
  } catch {
    /* already gone */
  }
}

/** The environment every server the harness starts gets: loopback only, no telemetry. */
function serverEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DASHBOARD_LOOPBACK_ONLY: '1', ...extra };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

function spawnServer(port: number, env: NodeJS.ProcessEnv) {
  // Its own process group, so a kill reaches whatever the server started alongside it.
  const child = spawn(process.execPath, nextStartArgs('127.0.0.1', port), { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  void exited.then(() => running.delete(child));
  // After the exit, once its output is all read.
  const closed = new Promise<void>((r) => child.once('close', () => r()));
  return { child, exited, closed };
}

/** A dashboard on a port of its own, its output captured, so a spec can assert the server logged no error. */
export async function startDashboard(opts: DashboardOptions = {}): Promise<Dashboard> {
  const own: Lab | null = opts.lab === 'main' ? null : await startLab({
    stateDir: fs.mkdtempSync(path.join(root, 'demo/.state-harness-')),
    pollIntervalMs: opts.pollMs ?? 500,
    checkIntervalMs: opts.pollMs ?? 500,
    timeoutMs: opts.timeoutMs ?? 1000,
    extraConfig: opts.extraConfig ?? '',
    alerts: opts.alerts,
  });
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
  const dataDir = opts.dataDir ?? (own ? path.join(own.stateDir, 'data') : fs.mkdtempSync(path.join(root, 'test-results/harness-data-')));
  const auth = opts.auth === 'demo' ? { DASHBOARD_PASSWORD: DEMO_PASSWORD } : { DASHBOARD_PASSWORD: HARNESS_PASSWORD, DASHBOARD_SESSION_SECRET: HARNESS_SESSION_SECRET };
  const env = serverEnv({ DASHBOARD_CONFIG: opts.config ?? own?.configPath ?? mainLabConfig, DASHBOARD_DATA_DIR: dataDir, DASHBOARD_DEMO: '1', ...auth, ...opts.env });

  // One list of lines per start; an attempt that lost its port is dropped with its lines.
  const logs: string[][] = [];
  let port = opts.port ?? 0;
  let server: ReturnType<typeof spawnServer> | null = null;

  async function launch() {
    for (let attempt = 1; ; attempt++) {
      port ||= await freePort();
      const errors: string[] = [];
      logs.push(errors);
      server = spawnServer(port, env);
      const { child } = server;
      child.stderr!.on('data', (b: Buffer) => errors.push(...b.toString().split('\n').filter((l) => l.trim())));
      child.stdout!.on('data', (b: Buffer) => errors.push(...b.toString().split('\n').filter((l) => /error|unhandled|exception|⨯/i.test(l))));
      const deadline = Date.now() + START_MS;
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) break;
        // Any answer means it runs; a config that shuts loopback out answers 403.
        if (await health(port).then((r) => r.status === 200 || r.status === 403, () => false)) return;
        if (Date.now() > deadline) {
          await kill('SIGKILL');
          throw new Error(`the dashboard did not start within ${START_MS / 1000} s: ${errors.join(' | ')}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      await Promise.race([server.closed, new Promise((r) => setTimeout(r, 2000))]);
      // Something else took the port between asking and binding: ask again.
      if (attempt < 3 && !opts.port && errors.some((l) => l.includes('EADDRINUSE'))) {
        port = 0;
        logs.pop();
      } else throw new Error(`the dashboard exited (${child.exitCode ?? child.signalCode}): ${errors.join(' | ')}`);
    }
  }

  async function kill(signal: NodeJS.Signals = 'SIGTERM') {
    const s = server;
    if (!s || s.child.exitCode !== null || s.child.signalCode !== null) return;
    killGroup(s.child, signal);
    const t = setTimeout(() => killGroup(s.child, 'SIGKILL'), 5000);
    await s.exited;
    clearTimeout(t);
    killGroup(s.child, 'SIGKILL'); // anything still left in its group
    // Wait until the port is let go of, so a restart can have it.
    const end = Date.now() + 15_000;
    while (await health(port).then(() => true, () => false)) {
      if (Date.now() > end) throw new Error(`port ${port} still answers after the dashboard stopped`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  let stopped = false;
  async function stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (stopped) return;
    stopped = true;
    try {
      await kill(signal);
    } finally {
      if (own) {
        await own.stop();
        fs.rmSync(own.stateDir, { recursive: true, force: true });
      }
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }

  try {
    await launch();
  } catch (e) {
    await stop('SIGKILL');
    throw e;
  }
  return {
    get port() { return port; },
    get url() { return `http://127.0.0.1:${port}`; },
    get pid() { return server!.child.pid!; },
    lab: own ? labControl(own.controlUrl) : mainLab,
    errorLines: () => logs.flat(),
    kill,
    restart: async () => { await kill(); await launch(); },
    stop,
  };
}

/**
 * `launch(opts)` starts a dashboard that is stopped, with its lab, when the test ends, whether it
 * passed, failed or timed out. (Dashboards shared by a whole file: startDashboard and afterAll.)
 */
export const test = base.extend<{ launch: (opts?: DashboardOptions) => Promise<Dashboard> }>({
  launch: async ({}, use) => {
    const started: Dashboard[] = [];
    await use(async (opts) => {
      const d = await startDashboard(opts);
      started.push(d);
      return d;
    });
    // Every one is stopped even if stopping another fails; the first failure is then reported.
    const results = [];
    for (const d of started.reverse()) results.push(await d.stop().then(() => null, (e: unknown) => e));
    const failure = results.find((e) => e !== null);
    if (failure) throw failure;
  },
});
export { expect } from '@playwright/test';

/** Start the server with this config file and wait for it to exit (it should: the config is bad). */
export async function exitWith(config: string): Promise<{ code: number | null; stderr: string }> {
  const { child, closed } = spawnServer(await freePort(), serverEnv({ DASHBOARD_CONFIG: config }));
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout!.resume();
  const killer = setTimeout(() => killGroup(child, 'SIGKILL'), 20_000);
  await closed;
  clearTimeout(killer);
  return { code: child.exitCode, stderr };
}

/** The main lab's config with the rebuild section replaced (null: none), written to file. */
export function configWith(rebuildLine: string | null, file: string): string {
  const text = fs.readFileSync(mainLabConfig, 'utf8').replace(/^rebuild:.*\n/m, rebuildLine ? `${rebuildLine}\n` : '');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Peak and current resident memory of a process, in bytes (Linux /proc). */
export function memoryOf(pid: number): { peak: number; now: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
  return { peak: kb('VmHWM'), now: kb('VmRSS') };
}

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startLab as startLabJs } from '../../demo/lab/index.mjs';

// The lab is plain JS; its options object is typed loosely there.
const startLab = startLabJs as unknown as (o: Record<string, unknown>) => ReturnType<typeof startLabJs>;

const root = path.resolve(import.meta.dirname, '../..');
// Known to the specs, so they can sign a session cookie of their own (an expired one, say).
export const HARNESS_PASSWORD = 'harness-admin-password';
export const HARNESS_SESSION_SECRET = 'harness-session-secret-0123456789';

export const basePort = Number(process.env.E2E_PORT ?? 3100);

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request with nothing normalised: the path goes out exactly as written (".." and all)
 * and any Host header can be set, which fetch and Playwright do not allow.
 */
export function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer to ${opts.path}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface Dashboard {
  port: number;
  url: string;
  lab: Awaited<ReturnType<typeof startLab>>;
  /** Lines the server printed to stderr, and those on stdout that look like errors. */
  errorLines(): string[];
  stop(): Promise<void>;
}

/**
 * A private dashboard on its own port against its own demo lab, with its output captured, so a
 * spec can assert that nothing it did made the server log an error.
 */
export async function startDashboard(port: number, opts: { extraConfig?: string; pollMs?: number; timeoutMs?: number } = {}): Promise<Dashboard> {
  const stateDir = path.join(root, `demo/.state-harness-${port}`);
  fs.rmSync(stateDir, { recursive: true, force: true });
  const lab = await startLab({ stateDir, pollIntervalMs: opts.pollMs ?? 500, checkIntervalMs: opts.pollMs ?? 500, timeoutMs: opts.timeoutMs ?? 1000, extraConfig: opts.extraConfig ?? '' });
  const errors: string[] = [];
  const child: ChildProcess = spawn(path.join(root, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DASHBOARD_CONFIG: lab.configPath, DASHBOARD_DATA_DIR: path.join(stateDir, 'data'), NEXT_TELEMETRY_DISABLED: '1', DASHBOARD_DEMO: '1', DASHBOARD_PASSWORD: HARNESS_PASSWORD, DASHBOARD_SESSION_SECRET: HARNESS_SESSION_SECRET },
  });
  child.stderr?.on('data', (b: Buffer) => errors.push(...b.toString().split('\n').filter((l) => l.trim())));
  child.stdout?.on('data', (b: Buffer) => errors.push(...b.toString().split('\n').filter((l) => /error|unhandled|exception|⨯/i.test(l))));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await lab.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the dashboard exited (${child.exitCode}): ${errors.join(' | ')}`);
    }
    // Any answer means it runs; a config that shuts loopback out answers 403.
    const ok = await raw(port, { path: '/api/health' }).then((r) => r.status === 200 || r.status === 403, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the dashboard did not start within 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, url: `http://127.0.0.1:${port}`, lab, errorLines: () => [...errors], stop };
}

/** Change the private lab through its control API (a real HTTP call, like e2e/lab.ts). */
export async function control(d: Dashboard, p: string, body: unknown = {}) {
  const r = await fetch(d.lab.controlUrl + p, { method: 'POST', body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`lab ${p}: HTTP ${r.status} ${await r.text()}`);
}

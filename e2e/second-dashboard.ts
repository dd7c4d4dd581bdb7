import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/**
 * A second demo dashboard (its own lab, ports and state folder), started and stopped by a test,
 * for what the shared server cannot show: a kill and a restart on the same data.
 */
export class SecondDashboard {
  private child?: ChildProcess;
  readonly url: string;
  readonly controlUrl: string;

  constructor(
    readonly port: number,
    readonly stateDir: string,
    private env: Record<string, string> = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.controlUrl = `http://127.0.0.1:${port + 1}`;
  }

  async start({ fresh = false } = {}): Promise<void> {
    const args = ['demo/run.mjs', '--no-build', '--port', String(this.port), '--control-port', String(this.port + 1), '--state', this.stateDir, '--poll', '500', '--timeout', '1000'];
    if (fresh) args.push('--fresh');
    // Its own process group, so a kill reaches the dashboard and the lab alike.
    this.child = spawn(process.execPath, args, { detached: true, stdio: 'ignore', env: { ...process.env, ...this.env } });
    await until(async () => (await fetch(`${this.url}/api/health`).catch(() => null))?.ok === true, 60_000, 'the second dashboard did not start');
  }

  async lab(path: string, body: unknown): Promise<void> {
    const r = await fetch(this.controlUrl + path, { method: 'POST', body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`lab ${path}: HTTP ${r.status}`);
  }

  /** Stop the whole process group: SIGKILL to simulate a crash, SIGTERM for a clean stop. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const c = this.child;
    if (!c?.pid || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    try {
      process.kill(-c.pid, signal);
    } catch {
      return;
    }
    await exited;
    // The next server in the group may take a moment longer than its parent to let go of the port.
    await until(async () => (await fetch(`${this.url}/api/health`).catch(() => null)) === null, 15_000, 'the second dashboard did not stop');
    if (signal === 'SIGTERM') return;
    try {
      process.kill(-c.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }

  removeState(): void {
    fs.rmSync(this.stateDir, { recursive: true, force: true });
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(message);
}

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';

// A second dashboard process on loopback, against the same demo lab, for tests that must stop and
// start the server or give it another config. It runs the build the main suite already made.
const mainPort = Number(process.env.E2E_PORT ?? 3100);
export const labConfigPath = path.resolve(`demo/.state-e2e-${mainPort}/dashboard.config.yaml`);

export interface Dashboard {
  url: string;
  pid: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The lab's config with the rebuild section replaced. */
export function configWith(rebuildLine: string | null, file: string): string {
  const text = fs.readFileSync(labConfigPath, 'utf8').replace(/^rebuild:.*\n/m, rebuildLine ? `${rebuildLine}\n` : '');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export async function startDashboard(opts: { dataDir: string; config?: string; env?: Record<string, string | undefined> }): Promise<Dashboard> {
  const port = mainPort + 2;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DASHBOARD_CONFIG: opts.config ?? labConfigPath,
    DASHBOARD_DATA_DIR: opts.dataDir,
    DASHBOARD_PASSWORD: 'demo-password',
    DASHBOARD_DEMO: '1',
    ...opts.env,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child: ChildProcess = spawn(path.resolve('node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    env,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b) => (stderr = (stderr + b).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(async () => {
      if (child.exitCode !== null) throw new Error(`the dashboard exited: ${stderr}`);
      return fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    }, { timeout: 30_000 })
    .toBe(true);
  return {
    url,
    pid: child.pid!,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          /* gone */
        }
        const t = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

/** Peak and current resident memory of a process, in bytes (Linux /proc). */
export function memoryOf(pid: number): { peak: number; now: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
  return { peak: kb('VmHWM'), now: kb('VmRSS') };
}

// For the script tests: a temporary HOME whose ~/.local/bin/orb is the demo lab's fake orb (one of
// the places the shared list looks), and a way to run a script in it as a real process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLab } from '../../demo/lab/index.mjs';

export const repo = path.resolve(import.meta.dirname, '../..');

export async function labHome() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mvd-home-'));
  const lab = await startLab({ stateDir: path.join(home, 'lab') });
  fs.mkdirSync(path.join(home, '.local/bin'), { recursive: true });
  fs.writeFileSync(path.join(home, '.local/bin/orb'), `#!/bin/sh\nexec ${JSON.stringify(path.join(lab.stateDir, 'orb'))} "$@"\n`, { mode: 0o755 });
  fs.mkdirSync(path.join(home, 'flake'));
  fs.writeFileSync(path.join(home, 'flake/flake.nix'), '{ outputs = { self, nixpkgs }: { nixosConfigurations.mini-vm = nixpkgs.lib.nixosSystem { modules = [ ./vm.nix ]; }; }; }\n');
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: '', XDG_DATA_HOME: '' };
  delete env.ORB_PATH;
  delete env.DASHBOARD_CONFIG;
  delete env.DASHBOARD_DATA_DIR;
  return {
    home,
    lab,
    env,
    control: (p, body) => fetch(lab.controlUrl + p, { method: 'POST', body: JSON.stringify(body) }),
    async stop() {
      await lab.stop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Run `node scripts/<script> ...args` to its end: exit code and output. */
export function runScript(script, args, { env, cwd = repo, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repo, 'scripts', script), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

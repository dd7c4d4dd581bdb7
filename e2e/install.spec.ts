import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './harness/dashboard';
import { labHome, runScript, type LabHome } from '../scripts/install/test-home.mjs';

// `npm run setup` on a fresh HOME, then the real server started with the config it wrote.
let t: LabHome;
test.beforeAll(async () => {
  t = await labHome();
});
test.afterAll(async () => {
  await t.stop();
});

test('setup writes a config the server starts with: orb found, the generated password signs in', async ({ launch }) => {
  test.setTimeout(120_000);
  // Loopback service addresses: the traffic rule (the real default is mini-vm.orb.local).
  const r = await runScript('setup.mjs', ['--non-interactive', '--flake', path.join(t.home, 'flake'), '--vm-host', '127.0.0.1'], { env: t.env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const config = path.join(t.home, '.config/mini-vm-dashboard/config.yaml');
  const password = fs.readFileSync(path.join(t.home, '.config/mini-vm-dashboard/password'), 'utf8').trim();

  // The server's environment as a login service has it: HOME, the config, and nothing else to help.
  const d = await launch({ lab: 'main', config, env: { HOME: t.home, ORB_PATH: undefined, DASHBOARD_DATA_DIR: undefined, DASHBOARD_PASSWORD: undefined } });
  const health = await fetch(`${d.url}/api/health`);
  expect(health.status).toBe(200);
  // It finds the fake orb in ~/.local/bin through the same list setup used.
  await expect.poll(async () => {
    const s = await (await fetch(`${d.url}/api/status`)).json();
    return `${s.orbstack.state} ${s.machines[0]?.name} ${s.machines[0]?.state}`;
  }, { timeout: 30_000 }).toBe('running mini-vm running');

  const signIn = (pw: string) => fetch(`${d.url}/api/session`, { method: 'POST', headers: { origin: d.url, 'content-type': 'application/json' }, body: JSON.stringify({ password: pw }) });
  expect((await signIn(`${password}x`)).status).toBe(401);
  expect((await signIn(password)).status).toBe(200);

  // Its data went where the config says, and the server marks it as in use.
  const dataDir = path.join(t.home, '.local/share/mini-vm-dashboard');
  expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'server.pid'), 'utf8')).pid).toBe(d.pid);
  expect(fs.existsSync(path.join(dataDir, 'dashboard.sqlite'))).toBe(true);
  expect(d.errorLines()).toEqual([]);
});

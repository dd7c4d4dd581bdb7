import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exitWith, expect, HARNESS_PASSWORD, raw, startDashboard, test, type Dashboard } from './harness/dashboard';

// The fault suite at server level: the lab misbehaves, the real server must show one clear state,
// keep answering quickly, and log nothing it should not.
const TIMEOUT = 1000;
let d: Dashboard;

test.beforeAll(async () => {
  d = await startDashboard({ pollMs: 500, timeoutMs: TIMEOUT });
});
test.afterAll(async () => {
  await d?.stop();
});
test.beforeEach(async () => {
  await d.lab.reset();
});
test.afterEach(async () => {
  const page = await raw(d.port, { path: '/' });
  expect(page.status).toBe(200);
  expect(page.body).toContain('data-testid="orbstack"');
  expect(d.errorLines()).toEqual([]);
});

interface Status {
  generatedAt: string;
  orbstack: { state: string; reason?: string };
  machines: { state: string; reason: string; services: { id: string; state: string; cause: string; [field: string]: unknown }[] }[];
}
const status = async (): Promise<Status> => JSON.parse((await raw(d.port, { path: '/api/status' })).body);

/** Wait until the server has started and finished a probe round after the lab changed. */
async function freshRound() {
  const seen = new Set([(await status()).generatedAt]);
  await expect.poll(async () => { seen.add((await status()).generatedAt); return seen.size; }, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
}

const orbCases = [
  { condition: 'stopped', orb: 'stopped', machine: 'stopped', reason: /OrbStack is stopped/ },
  { condition: 'missing', orb: 'not-installed', machine: 'unknown', reason: /orb CLI not found/ },
  { condition: 'noexec', orb: 'error', machine: 'unknown', reason: /not executable/ },
  { condition: 'error', orb: 'stopped', machine: 'stopped', reason: /OrbStack is stopped/ },
  { condition: 'hang', orb: 'error', machine: 'unknown', reason: /did not answer within/ },
  { condition: 'empty', orb: 'running', machine: 'unknown', reason: /did not print valid JSON/ },
  { condition: 'bad-json', orb: 'running', machine: 'running', reason: /(^| )running$/ },
  { condition: 'big', orb: 'running', machine: 'running', reason: /(^| )running$/ },
  { condition: 'unknown-state', orb: 'running', machine: 'unknown', reason: /unfamiliar state "hibernating"/ },
  { condition: 'extra-columns', orb: 'running', machine: 'running', reason: /(^| )running$/ },
];

test.describe('orb faults, through the server', () => {
  for (const c of orbCases) {
    test(`orb ${c.condition}: OrbStack ${c.orb}, mini-vm ${c.machine}`, async () => {
      await d.lab.orb(c.condition);
      await freshRound();
      await expect.poll(async () => { const s = await status(); return `${s.orbstack.state}/${s.machines[0].state}`; }, { timeout: 15_000 }).toBe(`${c.orb}/${c.machine}`);
      const s = await status();
      expect(`${s.orbstack.reason ?? ''} ${s.machines[0].reason}`).toMatch(c.reason);
    });
  }
});

// What the status JSON says, as fields; the page's sentence is made from them (lib/probe-sentence.ts).
const serviceCases = [
  { id: 'synapse', condition: 'refuse', state: 'down', fields: { cause: 'refused' } },
  { id: 'jellyfin', condition: 'hang', state: 'down', fields: { cause: 'timeout', timeoutMs: 1000 } },
  { id: 'jellyfin', condition: 'starting', state: 'starting', fields: { cause: 'starting', httpStatus: 503 } },
  { id: 'jellyfin', condition: 'garbage', state: 'degraded', fields: { cause: 'body', endpoint: '/System/Info/Public', expected: "Jellyfin's JSON" } },
  { id: 'synapse', condition: 'garbage', state: 'degraded', fields: { cause: 'body', endpoint: '/health', expected: '"OK"' } },
  { id: 'jellyfin', condition: 'auth', state: 'degraded', fields: { cause: 'auth', httpStatus: 401 } },
  { id: 'synapse', condition: 'auth', state: 'degraded', fields: { cause: 'auth', httpStatus: 401 } },
  { id: 'telegram', condition: 'auth', state: 'degraded', fields: { cause: 'auth', httpStatus: 401 } },
  { id: 'telegram', condition: 'unhealthy', state: 'degraded', fields: { cause: 'not-live', httpStatus: 500 } },
];

test.describe('service faults, through the server', () => {
  for (const c of serviceCases) {
    test(`${c.id} ${c.condition}: ${c.state}`, async () => {
      await d.lab.service(c.id, c.condition);
      const svc = async () => (await status()).machines[0].services.find((s) => s.id === c.id)!;
      // State and cause together: a probe cut off by the condition change can briefly say something else.
      const want = { state: c.state, ...c.fields };
      await expect.poll(async () => { const s = await svc(); return Object.fromEntries(Object.keys(want).map((k) => [k, s[k as keyof typeof s]])); }, { timeout: 15_000 }).toEqual(want);
      // The others are unaffected.
      const others = (await status()).machines[0].services.filter((s) => s.id !== c.id);
      expect(others.map((s) => s.state)).toEqual(others.map(() => 'up'));
    });
  }

  // How long /api/status takes meanwhile is a figure of `npm run bench` (worst of many samples).
  test('with one service hung, /api/status answers, the hung one timed out at its limit and the others up', async () => {
    await d.lab.service('jellyfin', 'hang');
    const svc = async () => (await status()).machines[0].services.find((s) => s.id === 'jellyfin')!;
    await expect.poll(async () => (await svc()).cause, { timeout: 15_000 }).toBe('timeout');
    expect((await raw(d.port, { path: '/api/status' })).status).toBe(200);
    expect(await svc()).toMatchObject({ timeoutMs: TIMEOUT });
    const others = (await status()).machines[0].services.filter((s) => s.id !== 'jellyfin');
    expect(others.map((s) => s.state)).toEqual(others.map(() => 'up'));
  });
});

// A bad config stops `next start` with exit code 78 and one line naming the file, line and field.
const configCases = [
  { label: 'invalid YAML', text: 'title: ok\nmachines: [\n', line: /bad\.yaml:\d+:\d+: invalid YAML/ },
  { label: 'a wrong type', text: 'title: ok\npollIntervalMs: soon\n', line: /bad\.yaml:2: pollIntervalMs: / },
  { label: 'an unknown key', text: 'title: ok\norb: { binary: /usr/bin/orb }\n', line: /bad\.yaml:2: orb\.binary: / },
  { label: 'a missing file', text: null, line: /bad\.yaml: cannot read the config file \(ENOENT\)/ },
  { label: 'an unreadable secret file', text: 'title: ok\nrebuild:\n  passwordFile: /nonexistent/sudo-password\n', line: /bad\.yaml:3: rebuild\.passwordFile: cannot read the secret file .*\(ENOENT\)/ },
];

test.describe('config faults stop the server with one clear line', () => {
  for (const c of configCases) {
    test(c.label, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-config-'));
      const file = path.join(dir, 'bad.yaml');
      if (c.text !== null) fs.writeFileSync(file, c.text);
      const { code, stderr } = await exitWith(file).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
      expect(code).toBe(78);
      const lines = stderr.split('\n').filter((l) => l.trim());
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^mini-vm dashboard: invalid configuration: /);
      expect(lines[0]).toMatch(c.line);
    });
  }
});

test.describe('session store faults', () => {
  test.describe.configure({ timeout: 120_000 });
  test('a session store that cannot be opened: signing in and every change fail closed, with a reason', async ({ launch }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nosessions-'));
    const dataDir = path.join(dir, 'data');
    // A plain file where the data folder should be: the SQLite file can never be created.
    fs.writeFileSync(dataDir, 'not a folder');
    try {
      const dash = await launch({ dataDir });
      const origin = `http://127.0.0.1:${dash.port}`;
      const post = (p: string, body: string) => raw(dash.port, { method: 'POST', path: p, headers: { origin, 'content-type': 'application/json' }, body });
      const signIn = await post('/api/session', JSON.stringify({ password: HARNESS_PASSWORD }));
      expect(signIn.status).toBe(503);
      expect(JSON.parse(signIn.body).error).toMatchObject({ code: 'session_store_unavailable', message: expect.stringMatching(/session.*cannot be opened/i) });
      expect(signIn.headers['set-cookie']).toBeUndefined();
      const start = await post('/api/rebuild', '{"target":"mini-vm"}');
      expect(start.status).toBe(503);
      expect(JSON.parse(start.body).error.code).toBe('session_store_unavailable');
      // Reading still works.
      expect((await raw(dash.port, { path: '/api/status' })).status).toBe(200);
      expect(JSON.parse((await raw(dash.port, { path: '/api/session' })).body).signedIn).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Resolves as soon as the port takes a TCP connection: the server listens, but may not be ready. */
async function listening(port: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

test.describe('start-up faults', () => {
  test.describe.configure({ timeout: 150_000 });
  test('requests that arrive while the server is still starting are served like any other', async ({ launch }) => {
    const dash = await launch();
    for (let start = 0; start < 2; start++) {
      await dash.kill();
      const restarting = dash.restart();
      await listening(dash.port);
      // The port opens before the app is loaded; these wait for it and must not be refused.
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => raw(dash.port, { path: i % 2 ? '/api/status' : '/', timeoutMs: 60_000 })));
      await restarting;
      expect(answers.map((a) => `${a.status} ${a.status === 200 ? '' : a.body.slice(0, 80)}`)).toEqual(answers.map(() => '200 '));
    }
    expect(dash.errorLines()).toEqual([]);
  });
});

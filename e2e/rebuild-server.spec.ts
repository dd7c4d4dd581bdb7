import fs from 'node:fs';
import path from 'node:path';
import { configWith, expect, mainLabConfig, memoryOf, test, type DashboardOptions } from './harness/dashboard';
import { lab } from './lab';
import { apiSignIn, apiStart, rebuildLab, sameOrigin, settleAndReset, startRun, waitForOutcome } from './rebuild-helpers';

// Rebuild tests that need a dashboard process of their own: restart, other configs, a small heap.

test.beforeEach(({ request, baseURL }) => settleAndReset(request, baseURL!));

/**
 * Fake nixos-rebuild processes of this worker's lab still alive (a killed group leaves none). The
 * fake orb hands its lab's state folder to them, so another worker's runs are not counted.
 */
function fakeRebuildProcesses(): string[] {
  const fake = path.resolve('demo/vm-bin/nixos-rebuild');
  const ours = `DEMO_STATE_DIR=${path.dirname(mainLabConfig)}`;
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((p) => {
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      return cmd.includes(fake) && fs.readFileSync(`/proc/${p}/environ`, 'utf8').split('\0').includes(ours) ? [p] : [];
    } catch {
      return [];
    }
  });
}

const HEAP_MB = Number(process.env.REBUILD_TEST_HEAP_MB ?? 64);

test.describe('with a second dashboard process', () => {
  const root = path.resolve('test-results/rebuild-server');
  test.beforeEach(() => fs.rmSync(root, { recursive: true, force: true }));
  // A dashboard on the main lab, signed in to with the demo password; its session key lives in its data dir.
  const on = (opts: DashboardOptions): DashboardOptions => ({ lab: 'main', auth: 'demo', ...opts });

  test('a run going when the server dies is interrupted at the next start, with its log intact', async ({ playwright, launch }) => {
    const dataDir = path.join(root, 'data');
    const dash = await launch(on({ dataDir }));
    const api = await playwright.request.newContext();
    // Held mid-build, so the run is provably going when the server dies.
    const id = await startRun(api, dash.url, 'build-several', { speed: 4, holds: ['built:2'] });
    const logFile = path.join(dataDir, 'jobs', `${id}.log`);
    await rebuildLab().heldAt('built:2');
    await expect.poll(() => fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8').includes("building '/nix/store/"), { timeout: 15_000 }).toBe(true);
    const before = fs.readFileSync(logFile, 'utf8');
    await dash.kill('SIGKILL');
    // The rebuild itself dies too (as with a VM reboot): no orphan is left for the next start.
    await rebuildLab().kill();
    await expect.poll(async () => (await rebuildLab().state()).processes.length).toBe(0);

    await dash.restart();
    const run = await (await api.get(`${dash.url}/api/rebuild/${id}`)).json();
    expect(run.outcome).toBe('interrupted');
    expect(run.summary).toMatch(/dashboard stopped/);
    expect((await (await api.get(`${dash.url}/api/rebuild`)).json()).current).toBeNull();
    const after = await (await api.get(`${dash.url}/api/rebuild/${id}/log`)).text();
    expect(after.startsWith(before)).toBe(true);
    expect(after).toContain('these 7 derivations will be built:');
    // The signing key lives in the data dir, so the session survived the restart too.
    expect((await api.post(`${dash.url}/api/rebuild/${id}/cancel`, { headers: sameOrigin(dash.url) })).status()).toBe(409);
    await api.dispose();
  });

  test('50 MB of output is streamed to disk up to the cap, then marked truncated, without being held in memory', async ({ playwright, launch }) => {
    // 60 MB through the fake VM, the server and the disk: a budget for a busy 2-core machine.
    test.setTimeout(180_000);
    const cap = 4 * 1024 * 1024;
    const config = configWith(`rebuild: { flake: /Users/ivan/mini-vm, logCapBytes: ${cap} }`, path.join(root, 'config.yaml'));
    const dataDir = path.join(root, 'data');
    // A small heap: a server that kept 50 MB of output in memory would die of it.
    const dash = await launch(on({ dataDir, config, env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` } }));
    const api = await playwright.request.newContext();
    await apiSignIn(api, dash.url);
    // A 10 MB run first: it loads the code and lets the heap reach its working size. Had the
    // output been kept in memory, 50 MB would then need some 40 MB more than 10 MB did.
    await lab.rebuild('flood', { bytes: 10 * 1024 * 1024 });
    await waitForOutcome(api, dash.url, await apiStart(api, dash.url), 120_000);
    const baseline = memoryOf(dash.pid).peak;
    await lab.rebuild('flood', { bytes: 50 * 1024 * 1024 });
    const id = await apiStart(api, dash.url);
    const run = await waitForOutcome(api, dash.url, id, 120_000);
    expect(run).toMatchObject({ outcome: 'succeeded', exitCode: 0, truncated: true });
    const grew = memoryOf(dash.pid).peak - baseline;
    console.log(`peak memory grew by ${Math.round(grew / 1048576)} MB`);
    expect(grew, `peak memory grew by ${Math.round(grew / 1048576)} MB`).toBeLessThan(20 * 1024 * 1024);

    const file = path.join(dataDir, 'jobs', `${id}.log`);
    expect(fs.statSync(file).size).toBeLessThan(cap + 4096);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    const numbers = lines.flatMap((l) => l.match(/flood> line (\d+)/)?.[1] ?? []).map(Number);
    // Nothing lost before the cap: lines 1..K, in order, filling the cap.
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const mark = lines.findIndex((l) => l.includes('[dashboard] log truncated'));
    expect(mark).toBeGreaterThan(numbers.length);
    const kept = lines.slice(0, mark).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    expect(kept).toBeGreaterThan(cap - 512);
    expect(lines.at(-1)).toMatch(/\[dashboard\] finished: succeeded \(exit code 0\)/);
    await api.dispose();
  });

  test('the timeout stops a run that ignores SIGTERM with SIGKILL to the whole group: timed out', async ({ playwright, launch }) => {
    const config = configWith('rebuild: { flake: /Users/ivan/mini-vm, timeoutMs: 1500 }', path.join(root, 'timeout.yaml'));
    const dash = await launch(on({ dataDir: path.join(root, 'data'), config }));
    const api = await playwright.request.newContext();
    const id = await startRun(api, dash.url, 'stubborn');
    const run = await waitForOutcome(api, dash.url, id, 20_000);
    expect(run).toMatchObject({ outcome: 'timed-out', exitCode: null });
    expect(run.summary).toMatch(/timeout/);
    expect(run.durationMs).toBeGreaterThan(1500 + 4000);
    const log = await (await api.get(`${dash.url}/api/rebuild/${id}/log`)).text();
    expect(log).toContain('timeout reached: sending SIGTERM to the process group');
    expect(log).toMatch(/finished: timed-out \(killed by SIGKILL\)/);
    expect(fakeRebuildProcesses()).toEqual([]);
    await api.dispose();
  });

  test('a command that cannot start fails truthfully; with the store down, reading works and changes are refused', async ({ playwright, launch }) => {
    test.setTimeout(120_000);
    const api = await playwright.request.newContext();
    let dash = await launch(on({ dataDir: path.join(root, 'data') }));
    await apiSignIn(api, dash.url);
    await lab.orb('missing');
    const broken = await waitForOutcome(api, dash.url, await apiStart(api, dash.url));
    expect(broken).toMatchObject({ outcome: 'failed', exitCode: null });
    expect(broken.summary).toMatch(/could not be started \(ENOENT\)/);
    await lab.orb('running');
    await dash.stop();
    // A folder where the SQLite file should be: the store cannot open. Sessions are kept there
    // too, so nobody can sign in, and nothing can be started: it fails closed, saying why.
    const dataDir = path.join(root, 'nodb');
    fs.mkdirSync(path.join(dataDir, 'dashboard.sqlite'), { recursive: true });
    dash = await launch(on({ dataDir }));
    const signIn = await api.post(`${dash.url}/api/session`, { headers: sameOrigin(dash.url), data: { password: 'demo-password' } });
    expect([signIn.status(), (await signIn.json()).error.code]).toEqual([503, 'session_store_unavailable']);
    const start = await api.post(`${dash.url}/api/rebuild`, { headers: sameOrigin(dash.url), data: { target: 'mini-vm', mode: 'switch' } });
    expect(start.status()).toBe(503);
    const list = await (await api.get(`${dash.url}/api/rebuild`)).json();
    expect(list.historyProblem).toMatch(/history store/);
    const page = await (await api.get(`${dash.url}/rebuilds`)).text();
    expect(page).toContain('Rebuild history is not being kept');
    await api.dispose();
  });

  test('without a flake the control says what to set; without a password rebuilding is disabled', async ({ playwright, launch }) => {
    const api = await playwright.request.newContext();
    let dash = await launch(on({ dataDir: path.join(root, 'a'), config: configWith(null, path.join(root, 'no-flake.yaml')) }));
    await apiSignIn(api, dash.url);
    const r = await api.post(`${dash.url}/api/rebuild`, { headers: sameOrigin(dash.url), data: { target: 'mini-vm', mode: 'switch' } });
    expect(r.status()).toBe(400);
    expect((await r.json()).error.message).toMatch(/set rebuild\.flake/);
    expect(await (await api.get(`${dash.url}/`)).text()).toContain('no flake is configured: set rebuild.flake');
    await dash.stop();

    dash = await launch(on({ dataDir: path.join(root, 'b'), env: { DASHBOARD_PASSWORD: undefined } }));
    const s = await (await api.get(`${dash.url}/api/session`)).json();
    expect(s).toMatchObject({ enabled: false, signedIn: false });
    expect(s.reason).toMatch(/DASHBOARD_PASSWORD/);
    expect((await api.post(`${dash.url}/api/session`, { headers: sameOrigin(dash.url), data: { password: 'demo-password' } })).status()).toBe(503);
    const html = await (await api.get(`${dash.url}/`)).text();
    expect(html).toContain('Rebuilding is disabled: set DASHBOARD_PASSWORD');
    expect(html).not.toContain('demo-password');
    await api.dispose();
  });
});

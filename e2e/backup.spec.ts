import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, HARNESS_PASSWORD, mainLabConfig, test } from './harness/dashboard';
import { lab } from './lab';
import { runScript } from '../scripts/install/test-home.mjs';

// Backup while a real server writes its store every round, then restore into a fresh data
// directory and find every row there; restore refuses while a server has the directory.
const work = path.resolve('test-results/backup-spec');

/** Every row of every table, in a stable order: what "every row there" is compared by. */
function dump(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    // Sorted here: some tables are WITHOUT ROWID.
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all().map((r) => JSON.stringify(r)).sort()]));
  } finally {
    db.close();
  }
}

const rows = (file: string, table: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } catch {
    return 0;
  } finally {
    db.close();
  }
};

test.afterAll(async () => {
  await lab.reset();
  fs.rmSync(work, { recursive: true, force: true });
});

test('backup while the server writes; restore into a fresh data directory holds every row', async ({ launch }) => {
  test.setTimeout(150_000);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const live = path.join(work, 'live');
  // The main lab's config with a data directory of its own: backup and restore find it through the config.
  const config = path.join(work, 'config.yaml');
  fs.writeFileSync(config, fs.readFileSync(mainLabConfig, 'utf8').replace(/^dataDir: .*$/m, `dataDir: ${JSON.stringify(live)}`));
  const d = await launch({ lab: 'main', config, dataDir: live, env: { DASHBOARD_DATA_DIR: undefined } });
  const store = path.join(live, 'dashboard.sqlite');

  // A rebuild, so there is a run row and a log file to carry over.
  await lab.rebuild('build-several', { speed: 20 });
  const headers = { origin: d.url, 'content-type': 'application/json' };
  const session = await fetch(`${d.url}/api/session`, { method: 'POST', headers, body: JSON.stringify({ password: HARNESS_PASSWORD }) });
  const cookie = session.headers.get('set-cookie')!.split(';')[0];
  const started = await fetch(`${d.url}/api/rebuild`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify({ target: 'mini-vm', mode: 'switch' }) });
  expect(started.status).toBe(202);
  const { id } = await started.json();
  await expect.poll(async () => (await (await fetch(`${d.url}/api/rebuild/${id}`)).json()).outcome, { timeout: 60_000 }).toBe('succeeded');
  await expect.poll(() => rows(store, 'history_samples'), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);

  const env = { ...process.env, DASHBOARD_DATA_DIR: '' };
  const before = rows(store, 'history_samples');
  const archive = path.join(work, 'backup.tar.gz');
  const b = await runScript('backup.mjs', [archive, '--config', config], { env });
  expect(b.stderr).toBe('');
  expect(b.code).toBe(0);
  expect(b.stdout).toContain(`data directory: ${live} (config: ${config})`);
  expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
  // The server went on writing during and after the copy.
  await expect.poll(() => rows(store, 'history_samples'), { timeout: 30_000 }).toBeGreaterThan(before + 1);

  const refused = await runScript('restore.mjs', [archive, '--config', config, '--force'], { env });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`a dashboard server (pid ${d.pid}`);

  const fresh = path.join(work, 'fresh/data');
  const r = await runScript('restore.mjs', [archive, '--config', config], { env: { ...env, DASHBOARD_DATA_DIR: fresh } });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  // Every row the backup holds is there, and every row written before the backup began.
  const unpacked = path.join(work, 'unpacked');
  fs.mkdirSync(unpacked);
  expect(spawnSync('tar', ['-xzf', archive, '-C', unpacked]).status).toBe(0);
  const restored = dump(path.join(fresh, 'dashboard.sqlite'));
  expect(restored).toEqual(dump(path.join(unpacked, 'dashboard.sqlite')));
  expect(restored.history_samples.length).toBeGreaterThanOrEqual(before);
  expect(restored.jobs.map((row) => JSON.parse(row).id)).toContain(id);
  const log = `jobs/${id}.log`;
  expect(fs.readFileSync(path.join(fresh, log), 'utf8')).toBe(fs.readFileSync(path.join(live, log), 'utf8'));
  expect(fs.existsSync(path.join(fresh, 'server.pid'))).toBe(false);

  // A server on the restored directory shows the run it never made.
  await d.stop();
  const again = await launch({ lab: 'main', config, dataDir: fresh, env: { DASHBOARD_DATA_DIR: fresh } });
  const list = await (await fetch(`${again.url}/api/rebuild`)).json();
  expect(list.runs.map((x: { id: string }) => x.id)).toContain(id);
});

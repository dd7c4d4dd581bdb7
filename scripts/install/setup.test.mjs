import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfig } from './dashboard-config.mjs';
import { flakeEntry } from './setup-lab.mjs';
import { runSetup, SetupError } from './setup-run.mjs';
import { labHome, runScript } from './test-home.mjs';

let t;
beforeAll(async () => {
  t = await labHome();
});
afterAll(() => t.stop());

const configFile = () => path.join(t.home, '.config/mini-vm-dashboard/config.yaml');
const passwordFile = () => path.join(t.home, '.config/mini-vm-dashboard/password');
const setup = (...args) => runScript('setup.mjs', ['--non-interactive', ...args], { env: t.env });

describe('npm run setup --non-interactive', { timeout: 60_000 }, () => {
  it('writes a config the server accepts and a 0600 password file, finding orb through the shared list', async () => {
    const r = await setup('--flake', path.join(t.home, 'flake'), '--vm-host', '127.0.0.1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`orb: ${path.join(t.home, '.local/bin/orb')}: OrbStack running; machines: mini-vm (running), ubuntu (stopped)`);
    expect(r.stdout).toContain('with an entry for mini-vm');
    expect(r.stdout).toMatch(/Next:\n {2}npm run service -- install /);
    expect(fs.statSync(passwordFile()).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(passwordFile(), 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const check = await checkConfig(configFile());
    expect(check.ok).toBe(true);
    const c = check.loaded.config;
    expect(c.rebuild).toMatchObject({ flake: path.join(t.home, 'flake'), passwordFile: passwordFile(), targets: [{ id: 'mini-vm', machine: 'mini-vm' }] });
    expect(c.dataDir).toBe(path.join(t.home, '.local/share/mini-vm-dashboard'));
    expect(fs.existsSync(c.docs.dir)).toBe(true);
    expect(c.machines[0]).toMatchObject({ name: 'mini-vm', expectedAddress: '192.168.139.245' });
    expect(c.machines[0].services.map((s) => s.url)).toEqual(['http://127.0.0.1:8096', 'http://127.0.0.1:8008']);
    // Found in one of the usual places: not pinned, so the server finds it the same way.
    expect(c.orb.bin).toBeUndefined();
  });

  it('never overwrites without --force, and keeps an existing password file with it', async () => {
    const before = fs.readFileSync(configFile(), 'utf8');
    const password = fs.readFileSync(passwordFile(), 'utf8');
    const r = await setup('--flake', path.join(t.home, 'flake'), '--machine', 'ubuntu');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`setup: ${configFile()} already exists; run again with --force to overwrite it`);
    expect(fs.readFileSync(configFile(), 'utf8')).toBe(before);
    const forced = await setup('--flake', path.join(t.home, 'flake'), '--machine', 'ubuntu', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('no entry named ubuntu was found');
    expect(fs.readFileSync(configFile(), 'utf8')).toContain('name: "ubuntu"');
    expect(fs.readFileSync(passwordFile(), 'utf8')).toBe(password);
  });

  it.each([
    [['--machine', 'mini-vm'], '--flake is required with --non-interactive'],
    [['--flake', '/nonexistent/flake'], '--flake /nonexistent/flake: /nonexistent/flake has no flake.nix'],
    [['--flake', 'FLAKE', '--machine', 'nope'], '--machine nope: orb lists no machine "nope" (it has: mini-vm, ubuntu)'],
  ])('refuses %j with a clear message and writes nothing', async (args, message) => {
    const cfg = path.join(t.home, 'other/config.yaml');
    const r = await setup('--config', cfg, ...args.map((a) => (a === 'FLAKE' ? path.join(t.home, 'flake') : a)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(fs.existsSync(cfg)).toBe(false);
  });

  it('without a terminal and without --non-interactive, says how to run it', async () => {
    const r = await runScript('setup.mjs', [], { env: t.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('standard input is not a terminal; run it with --non-interactive');
  });

  it('works while OrbStack is stopped, without starting it: the machine is taken as given', async () => {
    await t.control('/orb', { condition: 'stopped' });
    try {
      const cfg = path.join(t.home, 'stopped/config.yaml');
      const r = await setup('--config', cfg, '--flake', path.join(t.home, 'flake'));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('OrbStack is stopped');
      expect((await checkConfig(cfg)).ok).toBe(true);
    } finally {
      await t.control('/reset');
    }
  });
});

describe('interactive setup', { timeout: 60_000 }, () => {
  it('asks again after an answer that does not check out', async () => {
    const answers = ['nope', '', '/nonexistent', path.join(t.home, 'flake'), '', '', '', ''];
    const asked = [];
    const log = [];
    const io = {
      interactive: true,
      env: t.env,
      log: (l) => log.push(l),
      ask: async (q, fallback) => {
        asked.push(q);
        return answers.shift() || fallback;
      },
    };
    const r = await runSetup({ config: path.join(t.home, 'asked/config.yaml') }, io);
    expect(r.machine).toBe('mini-vm');
    expect(asked.filter((q) => q.startsWith('Machine'))).toHaveLength(2);
    expect(log).toContain('  orb lists no machine "nope" (it has: mini-vm, ubuntu)');
    expect(log.some((l) => l.includes('/nonexistent has no flake.nix'))).toBe(true);
    expect(answers).toEqual([]);
    await expect(runSetup({ config: r.configPath }, io)).rejects.toThrow(SetupError);
  });
});

describe('flakeEntry', () => {
  it.each([
    ['{ outputs = _: { nixosConfigurations.mini-vm = x; }; }', 'found'],
    ['{ outputs = _: { nixosConfigurations = { "mini-vm" = x; other = y; }; }; }', 'found'],
    ['{ outputs = _: { nixosConfigurations = { other = y; }; }; }', 'missing'],
    ['{ outputs = inputs: import ./outputs.nix inputs; }', 'unknown'],
  ])('%s → %s', (text, entry) => {
    expect(flakeEntry(text, 'mini-vm')).toBe(entry);
  });
});

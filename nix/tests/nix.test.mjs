import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfig } from '../../scripts/install/dashboard-config.mjs';

// The flake and its modules, evaluated by the real Nix against a stub of nixpkgs (stub.nix):
// building the package needs nixpkgs itself, which only the Mac fetches (npm run doctor there).
const root = path.resolve(import.meta.dirname, '../..');
const env = { ...process.env, NIX_CONFIG: 'build-users-group =' };
const have = spawnSync('nix-instantiate', ['--version'], { encoding: 'utf8' });
if (have.error) throw new Error("nix-instantiate not found: install Nix (Debian: apt-get install nix-bin; npm test does this when it runs as root)");

function nix(args) {
  const r = spawnSync('nix-instantiate', args, { cwd: root, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`nix-instantiate ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const evalJson = (expr) => JSON.parse(nix(['--eval', '--strict', '--json', '-E', expr]));
const nixString = (v) => JSON.stringify(v); // a JSON string is a Nix string literal too (no ${ in these)
const toNix = (v) => (v === null ? 'null' : typeof v === 'object' ? (Array.isArray(v) ? `[ ${v.map(toNix).join(' ')} ]` : `{ ${Object.entries(v).map(([k, x]) => `${nixString(k)} = ${toNix(x)};`).join(' ')} }`) : typeof v === 'string' ? nixString(v) : String(v));
const evalModule = (kind, system, cfg, host = {}) => evalJson(`import ./nix/tests/eval-module.nix { module = ./nix/${kind}-module.nix; system = ${nixString(system)}; cfg = ${toNix(cfg)}; host = ${toNix(host)}; }`);
/** The settings the stub's formats.yaml was handed: what becomes the YAML config. */
const settingsOf = (configPath) => JSON.parse(configPath.slice(configPath.indexOf('#') + 1));

let tmp;
let password;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mvd-nix-'));
  password = path.join(tmp, 'password');
  fs.writeFileSync(password, 'secret\n', { mode: 0o600 });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The server's own parser on a settings value, written as the file the module would make (JSON is YAML). */
async function serverAccepts(settings) {
  const file = path.join(tmp, `config-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, JSON.stringify(settings));
  return checkConfig(file);
}

function nixFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return ['node_modules', '.git', 'test-results'].includes(e.name) || e.name.startsWith('.next') || e.name.startsWith('.state') ? [] : nixFiles(path.join(dir, e.name));
    return e.name.endsWith('.nix') ? [path.join(dir, e.name)] : [];
  });
}

const settings = { machines: [{ name: 'mini-vm', services: [{ id: 'jellyfin', name: 'Jellyfin', kind: 'jellyfin', url: 'http://mini-vm.orb.local:8096' }] }], rebuild: { flake: '/Users/ivan/mini-vm' } };

describe('the Nix files', () => {
  it('every .nix file parses', () => {
    const files = nixFiles(root);
    expect(files.map((f) => path.relative(root, f))).toEqual(expect.arrayContaining(['flake.nix', 'nix/package.nix', 'nix/darwin-module.nix', 'nix/nixos-module.nix']));
    for (const f of files) nix(['--parse', f]);
  });

  it('flake.nix exports a package for each system and the two modules', () => {
    const f = evalJson('import ./nix/tests/eval-flake.nix { system = "aarch64-darwin"; }');
    expect(f.systems).toEqual(['aarch64-darwin', 'aarch64-linux', 'x86_64-darwin', 'x86_64-linux']);
    expect(f.modules).toEqual({ darwin: true, nixos: true });
    expect(f.package).toMatchObject({ pname: 'mini-vm-dashboard', nodejs: '/nix/store/stub-nodejs-20', mainProgram: 'mini-vm-dashboard', npmConfigHook: 'importNpmLock.npmConfigHook' });
    expect(f.package.nativeBuildInputs).toEqual(['makeWrapper', 'python3', 'cctools', 'xcbuild']);
    expect(f.package.env.npm_config_build_from_source).toBe('true');
    expect(f.package.installPhase).toContain('next/dist/bin/next start $app');
    expect(f.package.keeps).toEqual({ node_modules: false, '.next': false, 'demo/.state-e2e-3100': false, 'test-results': false, app: true, lib: true, demo: true });
    expect(evalJson('import ./nix/tests/eval-flake.nix { system = "x86_64-linux"; }').package.nativeBuildInputs).toEqual(['makeWrapper', 'python3']);
  });

  it('gives importNpmLock a registry URL and hash for every package npm fetches', () => {
    const { lock } = evalJson('import ./nix/tests/eval-flake.nix { }');
    const original = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages;
    const fetched = Object.entries(original).filter(([k, p]) => k !== '' && !p.link && !p.inBundle);
    expect(fetched.length).toBeGreaterThan(100);
    for (const [key, p] of fetched) {
      const name = p.name ?? key.slice(key.lastIndexOf('node_modules/') + 13);
      expect(lock[key]).toEqual({ resolved: p.resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${p.version}.tgz`, integrity: p.integrity, bundled: false, link: false });
    }
    expect(lock['node_modules/better-sqlite3'].resolved).toMatch(/^https:\/\/registry\.npmjs\.org\/better-sqlite3\/-\/better-sqlite3-12\.\d+\.\d+\.tgz$/);
  });
});

describe('darwinModules.default', () => {
  const host = { system: { primaryUser: 'ivan' } };

  it('declares the options and does nothing until enabled', () => {
    const m = evalModule('darwin', 'aarch64-darwin', {}, host);
    expect(m.options).toEqual(['dataDir', 'enable', 'host', 'package', 'passwordFile', 'port', 'settings']);
    expect(m.config).toEqual({});
  });

  it('runs the package as a launchd user agent that restarts on error, with the settings as its config', async () => {
    const m = evalModule('darwin', 'aarch64-darwin', { enable: true, port: 3100, passwordFile: password, settings }, host);
    const job = m.config.launchd.user.agents['mini-vm-dashboard'].serviceConfig;
    expect(job).toMatchObject({
      Label: 'lan.mini-vm.dashboard',
      ProgramArguments: ['/nix/store/stub-mini-vm-dashboard/bin/mini-vm-dashboard', '-H', '0.0.0.0', '-p', '3100'],
      WorkingDirectory: '/nix/store/stub-mini-vm-dashboard/lib/node_modules/mini-vm-dashboard',
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      ThrottleInterval: 10,
      StandardErrorPath: '/Users/ivan/Library/Logs/mini-vm-dashboard/dashboard.err.log',
    });
    expect(job.EnvironmentVariables).toMatchObject({ NODE_ENV: 'production', PORT: '3100', HOST: '0.0.0.0' });
    expect(job.EnvironmentVariables.PATH.split(':')).toEqual(expect.arrayContaining(['/usr/local/bin', '/Users/ivan/.local/bin', '/sbin']));
    const config = settingsOf(job.EnvironmentVariables.DASHBOARD_CONFIG);
    expect(config).toMatchObject({ dataDir: '/Users/ivan/Library/Application Support/mini-vm-dashboard', docs: { dir: '/nix/store/stub-mini-vm-dashboard/lib/node_modules/mini-vm-dashboard/docs' }, rebuild: { flake: '/Users/ivan/mini-vm', passwordFile: password } });
    const check = await serverAccepts(config);
    expect(check.ok ? 'accepted' : check.message).toBe('accepted');
    expect(m.config.system.activationScripts.postActivation.text).toContain("-o 'ivan' '/Users/ivan/Library/Logs/mini-vm-dashboard'");
  });
});

describe('nixosModules.default', () => {
  it('runs it as a systemd service with a dynamic user, its state directory and the password as a credential', async () => {
    const m = evalModule('nixos', 'x86_64-linux', { enable: true, host: '127.0.0.1', passwordFile: '/run/secrets/dashboard', settings: { ...settings, docs: { dir: '/srv/docs' } } });
    const unit = m.config.systemd.services['mini-vm-dashboard'];
    expect(m.config.assertions.map((a) => a.assertion)).toEqual([true]);
    expect(unit.wantedBy).toEqual(['multi-user.target']);
    expect(unit.serviceConfig).toMatchObject({
      ExecStart: "'/nix/store/stub-mini-vm-dashboard/bin/mini-vm-dashboard' '-H' '127.0.0.1' '-p' '3000'",
      DynamicUser: true,
      StateDirectory: 'mini-vm-dashboard',
      LoadCredential: ['password:/run/secrets/dashboard'],
      Restart: 'on-failure',
      RestartPreventExitStatus: 78,
    });
    const config = settingsOf(unit.environment.DASHBOARD_CONFIG);
    expect(config).toMatchObject({ dataDir: '/var/lib/mini-vm-dashboard', docs: { dir: '/srv/docs' }, rebuild: { passwordFile: '/run/credentials/mini-vm-dashboard.service/password' } });
    // The credential exists only inside the unit; with a readable file in its place the server accepts the rest.
    const check = await serverAccepts({ ...config, rebuild: { ...config.rebuild, passwordFile: password } });
    expect(check.ok ? 'accepted' : check.message).toBe('accepted');
  });

  it('without a password file passes no credential; a data directory outside /var/lib fails its assertion', () => {
    const m = evalModule('nixos', 'x86_64-linux', { enable: true, dataDir: '/srv/dashboard', settings });
    expect(m.config.systemd.services['mini-vm-dashboard'].serviceConfig.LoadCredential).toEqual([]);
    expect(settingsOf(m.config.systemd.services['mini-vm-dashboard'].environment.DASHBOARD_CONFIG).rebuild).toEqual({ flake: '/Users/ivan/mini-vm' });
    expect(m.config.assertions[0]).toMatchObject({ assertion: false, message: expect.stringContaining('must be under /var/lib') });
  });
});

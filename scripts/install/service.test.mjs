import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labHome, repo, runScript } from './test-home.mjs';

// Real processes throughout: the service script, and stand-ins for systemctl/loginctl that speak
// their command line (as the demo's orb does), so no test can touch this machine's own services.
let t;
let config;
beforeAll(async () => {
  t = await labHome();
  const r = await runScript('setup.mjs', ['--non-interactive', '--flake', path.join(t.home, 'flake'), '--vm-host', '127.0.0.1'], { env: t.env });
  expect(r.code).toBe(0);
  config = path.join(t.home, '.config/mini-vm-dashboard/config.yaml');
}, 60_000);
afterAll(() => t.stop());

const service = (args, env = {}) => runScript('service.mjs', args, { env: { ...t.env, ...env } });

/** A folder of fake tools; each appends its argv to calls.log and answers as `script` says. */
function fakeBin(name, tools) {
  const dir = path.join(t.home, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [tool, body] of Object.entries(tools)) fs.writeFileSync(path.join(dir, tool), `#!/bin/sh\necho "${tool} $*" >> ${JSON.stringify(path.join(dir, 'calls.log'))}\n${body}\n`, { mode: 0o755 });
  return { PATH: `${dir}:/usr/bin:/bin`, calls: () => fs.readFileSync(path.join(dir, 'calls.log'), 'utf8').trim().split('\n') };
}

/** A plist through a real plist parser: plutil on macOS, Python's plistlib elsewhere. */
function parsePlist(xml) {
  const file = path.join(t.home, 'parse.plist');
  fs.writeFileSync(file, xml);
  const r = process.platform === 'darwin'
    ? spawnSync('plutil', ['-convert', 'json', '-o', '-', file], { encoding: 'utf8' })
    : spawnSync('python3', ['-c', 'import plistlib,sys,json; print(json.dumps(plistlib.load(open(sys.argv[1], "rb"))))', file], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

const unitFile = () => path.join(t.home, '.config/systemd/user/mini-vm-dashboard.service');

describe('npm run service', { timeout: 60_000 }, () => {
  it('install --dry-run --platform darwin prints a LaunchAgent a plist parser reads, with absolute paths that exist', async () => {
    const r = await service(['install', '--dry-run', '--platform', 'darwin', '--port', '3607']);
    expect(r.code).toBe(0);
    const file = path.join(t.home, 'Library/LaunchAgents/lan.mini-vm.dashboard.plist');
    expect(r.stdout).toContain(`would write ${file}:`);
    const p = parsePlist(r.stdout.slice(r.stdout.indexOf('<?xml'), r.stdout.indexOf('</plist>') + 8));
    expect(p.Label).toBe('lan.mini-vm.dashboard');
    expect(p.ProgramArguments.slice(1, 3)).toEqual(['--import', pathToFileURL(path.join(repo, 'lib/lan/preload.mjs')).href]);
    expect(p.ProgramArguments.slice(4)).toEqual(['start', '-H', '0.0.0.0', '-p', '3607', '--keepAliveTimeout', '65000']);
    expect(p.ProgramArguments[0]).toBe(process.execPath);
    for (const f of [p.ProgramArguments[0], p.ProgramArguments[3], p.WorkingDirectory, p.EnvironmentVariables.DASHBOARD_CONFIG]) {
      expect(path.isAbsolute(f)).toBe(true);
      expect(fs.existsSync(f)).toBe(true);
    }
    expect(p.ProgramArguments[3]).toBe(path.join(repo, 'node_modules/next/dist/bin/next'));
    expect(p.EnvironmentVariables).toMatchObject({ DASHBOARD_CONFIG: config, NODE_ENV: 'production', PORT: '3607' });
    expect(p.EnvironmentVariables.PATH.split(':')[0]).toBe(path.join(t.home, '.local/bin'));
    expect(p).toMatchObject({ RunAtLoad: true, KeepAlive: { SuccessfulExit: false }, ThrottleInterval: 10 });
    expect(p.StandardErrorPath).toBe(path.join(t.home, 'Library/Logs/mini-vm-dashboard/dashboard.err.log'));
    expect(r.stdout).toContain(`would run: launchctl bootstrap gui/${process.getuid()} ${file}`);
    expect(fs.existsSync(path.join(t.home, 'Library'))).toBe(false);
  });

  it('install --dry-run --platform linux prints a unit whose ExecStart is absolute', async () => {
    const r = await service(['install', '--dry-run', '--platform', 'linux']);
    expect(r.code).toBe(0);
    const exec = /^ExecStart=(.+)$/m.exec(r.stdout)?.[1].split(' ');
    expect(exec?.[0]).toBe(process.execPath);
    expect(exec.slice(1, 3)).toEqual(['--import', pathToFileURL(path.join(repo, 'lib/lan/preload.mjs')).href]);
    expect(path.isAbsolute(exec[3]) && fs.existsSync(exec[3])).toBe(true);
    expect(r.stdout).toContain(`Environment=DASHBOARD_CONFIG=${config}`);
    expect(r.stdout).toMatch(/would run: systemctl --user daemon-reload\nwould run: systemctl --user enable --now mini-vm-dashboard.service/);
    expect(fs.existsSync(unitFile())).toBe(false);
  });

  it('install on Linux without a user systemd fails clearly and writes nothing', async () => {
    const noBus = fakeBin('no-bus', { systemctl: 'echo "Failed to connect to bus: No medium found" >&2; exit 1' });
    const r = await service(['install', '--platform', 'linux', '--no-build'], { PATH: noBus.PATH });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no systemd user instance to install into (systemctl --user: Failed to connect to bus: No medium found)');
    expect(r.stderr).toContain('loginctl enable-linger');
    expect(noBus.calls()).toEqual(['systemctl --user show-environment']);
    const none = fakeBin('empty', {});
    const r2 = await service(['install', '--platform', 'linux', '--no-build'], { PATH: none.PATH.split(':')[0] });
    expect(r2.stderr).toContain('systemctl not found');
    expect(fs.existsSync(path.join(t.home, '.config/systemd'))).toBe(false);
  });

  it('install --platform darwin where there is no launchctl fails the same way', async () => {
    const r = await service(['install', '--platform', 'darwin', '--no-build'], { PATH: fakeBin('none', {}).PATH.split(':')[0] });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('launchctl not found');
    expect(fs.existsSync(path.join(t.home, 'Library'))).toBe(false);
  });

  it('refuses a config the server would refuse, with the server\'s own line', async () => {
    const bad = path.join(t.home, 'bad.yaml');
    fs.writeFileSync(bad, 'pollIntervalMs: 15000\nmachines:\n  - name: mini-vm\n    services:\n      - { id: a, name: A, kind: nope, url: "http://127.0.0.1:1" }\n');
    const r = await service(['install', '--dry-run', '--platform', 'darwin', '--config', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mini-vm dashboard: invalid configuration: ${bad}:5: machines.0.services.0.kind:`);
    expect(r.stdout).not.toContain('would write');
  });

  it('installs and uninstalls a systemd user unit; a failed enable puts everything back', async () => {
    const failing = fakeBin('fail-enable', { systemctl: 'case "$*" in *enable*) echo "Unit file is masked." >&2; exit 1;; esac; exit 0' });
    const f = await service(['install', '--platform', 'linux', '--no-build'], { PATH: failing.PATH });
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('systemctl --user enable --now failed (exit 1): Unit file is masked.');
    expect(fs.existsSync(unitFile())).toBe(false);
    expect(failing.calls().at(-1)).toBe('systemctl --user daemon-reload');

    const ok = fakeBin('ok', { systemctl: 'exit 0', loginctl: 'echo no' });
    const i = await service(['install', '--platform', 'linux', '--no-build', '--port', '3608'], { PATH: ok.PATH });
    expect(i.code).toBe(0);
    expect(fs.readFileSync(unitFile(), 'utf8')).toContain(' start -H 0.0.0.0 -p 3608 --keepAliveTimeout 65000\n');
    expect(i.stdout).toContain('sudo loginctl enable-linger');
    const s = await service(['status', '--platform', 'linux'], { PATH: ok.PATH });
    expect(s.stdout).toMatch(/health: http:\/\/127\.0\.0\.1:3608\/api\/health → no answer/);
    const u = await service(['uninstall', '--platform', 'linux'], { PATH: ok.PATH });
    expect(u.code).toBe(0);
    expect(fs.existsSync(unitFile())).toBe(false);
    expect(ok.calls()).toEqual([
      'systemctl --user show-environment',
      'systemctl --user daemon-reload',
      'systemctl --user enable --now mini-vm-dashboard.service',
      `loginctl show-user ${process.env.USER ?? 'root'} --property=Linger --value`,
      'systemctl --user status --no-pager --lines=0 mini-vm-dashboard.service',
      'systemctl --user disable --now mini-vm-dashboard.service',
      'systemctl --user daemon-reload',
    ]);
  });
});

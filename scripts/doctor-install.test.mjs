import { describe, expect, it } from 'vitest';
import { installChecks } from './doctor-install.mjs';

// Which commands doctor's install checks would run (none is run here: nix would fetch nixpkgs).
describe('doctor: install checks', () => {
  it('builds the flake and reads launchd, and never installs, loads or starts anything', async () => {
    const ran = [];
    const titles = [];
    const run = async (bin, args) => {
      ran.push([bin.split('/').pop(), ...args]);
      return { code: 0, text: bin.endsWith('nix') && args[0] === 'build' ? 'building…\n/nix/store/0000-mini-vm-dashboard-0.1.0' : 'ok' };
    };
    await installChecks(run, async (title) => titles.push(title));
    const verbs = ran.map((argv) => argv.slice(0, 2).join(' '));
    expect(verbs).toEqual(['nix --version', 'nix flake', 'nix build', 'find /nix/store/0000-mini-vm-dashboard-0.1.0/lib/node_modules/mini-vm-dashboard/node_modules/better-sqlite3', 'launchctl print']);
    const build = ran.find((a) => a[1] === 'build');
    expect(build).toEqual(expect.arrayContaining(['--no-link', '--no-write-lock-file']));
    const words = ran.flat().filter((w) => !w.includes('/'));
    expect(words.join(' ')).not.toMatch(/\b(bootstrap|bootout|kickstart|load|install|switch|profile)\b/);
    expect(titles).toHaveLength(5);
  });

  it('skips the build where there is no nix', async () => {
    const ran = [];
    await installChecks(async (bin, args) => (ran.push(args[0]), { code: bin.endsWith('nix') ? null : 0, text: '' }), async () => {});
    expect(ran).toEqual(['--version', 'print']);
  });
});

import { describe, expect, it } from 'vitest';
import { configSchema } from '../config-schema';
import { parseGenerations } from './generations';
import { buildArgv, listTargets } from './targets';

const cfg = (rebuild: object, orb: object = { bin: '/opt/orb' }) => configSchema.parse({ orb, rebuild });

describe('rebuild targets', () => {
  it('default target runs nixos-rebuild as root inside mini-vm through orb, as an argv', () => {
    const [t] = listTargets(cfg({ flake: '/Users/ivan/mini-vm' }));
    expect(t.problem).toBeUndefined();
    expect(buildArgv(t, 'switch')).toEqual(['/opt/orb', '-m', 'mini-vm', '-u', 'root', 'nixos-rebuild', 'switch', '--flake', '/Users/ivan/mini-vm#mini-vm', '-L']);
    expect(buildArgv(t, 'rollback').slice(6, 8)).toEqual(['switch', '--rollback']);
    expect(buildArgv(t, 'dry-build')[6]).toBe('dry-build');
  });
  it('a flake path with shell characters stays one argument', () => {
    const [t] = listTargets(cfg({ flake: '/tmp/x; rm -rf /' }));
    expect(buildArgv(t, 'build')).toContain('/tmp/x; rm -rf /#mini-vm');
  });
  it('without a flake, says what to set and refuses to build an argv', () => {
    const [t] = listTargets(cfg({}));
    expect(t.problem).toMatch(/set rebuild\.flake/);
    expect(() => buildArgv(t, 'switch')).toThrow();
  });
  it('configured targets use their own command and flake', () => {
    const [t] = listTargets(cfg({ targets: [{ id: 'box', command: ['ssh', 'root@box', 'nixos-rebuild'], flake: '/srv/flake#box' }] }));
    expect(buildArgv(t, 'build')).toEqual(['ssh', 'root@box', 'nixos-rebuild', 'build', '--flake', '/srv/flake#box', '-L']);
  });
});

describe('list-generations --json', () => {
  it('reads the fields nixos-rebuild prints, tolerating odd entries', () => {
    const text = JSON.stringify([
      { generation: 42, date: '2025-06-01 12:34:56', nixosVersion: '25.05.20250601.abcdef0', kernelVersion: 'Unknown', configurationRevision: '', specialisations: [], current: true },
      { generation: 41, date: 7 },
      { nope: true },
    ]);
    const g = parseGenerations(text);
    expect(g).toHaveLength(2);
    expect(g[0]).toMatchObject({ generation: 42, current: true, kernelVersion: 'Unknown' });
    expect(g[1]).toMatchObject({ generation: 41, date: '', current: false });
    expect(() => parseGenerations('{"generation": 1}')).toThrow(/list/);
  });
});

import { describe, expect, it } from 'vitest';
import { firstIPv4, normalizeState, OrbParseError, parseListJson, parseListTable, readStatus } from './orb-parse';

// Samples from ../shared/reference/orb.md.
const emptyTable = `NAME  STATE  DISTRO  VERSION  ARCH
----  -----  ------  -------  ----
`;

const listJson = JSON.stringify([
  {
    id: '01J6BWXMDPEP62ANJWCXN6375F',
    name: 'alpine-runner1',
    networking: { ipv4: '198.19.249.228', ipv6: 'fd07:b51a:cc66:0:e0c6:7eff:fe8a:eaa4' },
    image: { distro: 'alpine', version: '3.20', arch: 'arm64', variant: 'default' },
    state: 'running',
  },
  {
    name: 'munbon-control-plan-local',
    image: { distro: 'debian', version: 'bookworm', arch: 'arm64' },
    config: { isolated: true, isolate_network: true, default_username: 'munbonlocal', memory_limit_mib: 8192, cpu_limit: 4, disk_limit_bytes: 42949672960 },
    state: 'stopped',
  },
]);

describe('orb list -f json', () => {
  it('reads machines, with or without the networking block', () => {
    const [a, b] = parseListJson(listJson);
    expect(a).toMatchObject({ name: 'alpine-runner1', state: 'running', distro: 'alpine', version: '3.20', arch: 'arm64', address: '198.19.249.228' });
    expect(b).toMatchObject({ name: 'munbon-control-plan-local', state: 'stopped', distro: 'debian', address: undefined });
  });

  it('keeps unknown states as unknown, with the raw word', () => {
    const [m] = parseListJson('[{"name":"mini-vm","state":"hibernating","image":{"distro":"nixos","version":"25.05","arch":"arm64"}}]');
    expect(m.state).toBe('unknown');
    expect(m.rawState).toBe('hibernating');
  });

  it('skips records it cannot read but keeps the rest', () => {
    const ms = parseListJson('[{"nope":1},{"name":"mini-vm","state":"running","image":"weird"}]');
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ name: 'mini-vm', state: 'running', distro: undefined });
  });

  it.each([
    ['malformed JSON', '[{"name": "mini-vm", "state": "runn'],
    ['empty output', ''],
    ['not a list', '{"error":"x"}'],
    ['no readable record', '[1,2,3]'],
  ])('rejects %s with a clear message', (_, text) => {
    expect(() => parseListJson(text)).toThrow(OrbParseError);
  });
});

describe('orb list (text table)', () => {
  it('reads the empty table from reference/orb.md', () => {
    expect(parseListTable(emptyTable)).toEqual([]);
  });

  it('reads a typical row', () => {
    const t = `${emptyTable}mini-vm  running  nixos   25.05    arm64\n`;
    expect(parseListTable(t)).toEqual([{ name: 'mini-vm', state: 'running', rawState: 'running', distro: 'nixos', version: '25.05', arch: 'arm64', address: undefined }]);
  });

  it('finds columns by header name, with extra and reordered columns', () => {
    const t = [
      'NAME     ARCH   STATE    DISTRO  VERSION  SIZE     IP',
      '----     ----   -----    ------  -------  ----     --',
      'mini-vm  arm64  running  nixos   25.05    12.4 GB  192.168.139.245',
      'ubuntu   arm64  stopped  ubuntu  noble    3 GB',
    ].join('\n');
    const [a, b] = parseListTable(t);
    expect(a).toMatchObject({ name: 'mini-vm', state: 'running', arch: 'arm64', distro: 'nixos', address: '192.168.139.245' });
    expect(b).toMatchObject({ name: 'ubuntu', state: 'stopped', distro: 'ubuntu', version: 'noble', address: undefined });
  });

  it('rejects output without a header', () => {
    expect(() => parseListTable('garbage\n')).toThrow(OrbParseError);
  });
});

describe('orb status', () => {
  it('running needs exit 0 and the word', () => {
    expect(readStatus(0, 'Running\n', '')).toEqual({ state: 'running' });
  });
  it('stopped from the words or a non-zero exit', () => {
    expect(readStatus(1, 'Stopped\n', '').state).toBe('stopped');
    expect(readStatus(1, '', 'agent not running').state).toBe('stopped');
    expect(readStatus(2, '', '').reason).toBe('orb status exited 2');
  });
  it('anything else is an error that quotes what orb said', () => {
    const r = readStatus(0, 'Banana\n', '');
    expect(r.state).toBe('error');
    expect(r.reason).toContain('Banana');
  });
});

describe('helpers', () => {
  it('normalizes states', () => {
    expect(normalizeState(' Running ')).toBe('running');
    expect(normalizeState(42)).toBe('unknown');
  });
  it('finds the first IPv4 in hostname -I output', () => {
    expect(firstIPv4('fd07::1 192.168.139.245 10.0.0.1 \n')).toBe('192.168.139.245');
    expect(firstIPv4('\n')).toBeUndefined();
  });
});

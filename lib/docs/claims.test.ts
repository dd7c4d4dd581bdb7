import { describe, expect, it } from 'vitest';
import { checkClaim, detectClaims, isLiveKey, liveValue, type LiveData } from './claims';

const live = (over: Partial<LiveData> = {}): LiveData => ({
  orbState: 'running',
  machines: [{ name: 'mini-vm', state: 'running', address: '192.168.139.245', expectedAddress: '192.168.139.245' }],
  otherMachines: [{ name: 'ubuntu', state: 'stopped' }],
  services: [
    { id: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm', host: 'mini-vm.orb.local', port: 8096, state: 'up', reason: 'ok' },
    { id: 'synapse', name: 'Matrix Synapse', machine: 'mini-vm', host: 'mini-vm.orb.local', port: 8008, state: 'down', reason: 'connection refused' },
  ],
  checks: [{ target: '169.254.1.144', from: 'mini-vm', expect: 'unreachable', observed: 'unreachable' }],
  ...over,
});

const first = (text: string) => detectClaims(text)[0];

describe('detectClaims', () => {
  it('finds addresses, host:port, .orb.local names and ports in prose and code', () => {
    const facts = detectClaims('VM IP `192.168.139.245`, gateway 192.168.138.4; open http://mini-vm.orb.local:8096/web or ssh to mini-vm.orb.local. Jellyfin (port 8096)');
    expect(facts.map((f) => [f.kind, f.text])).toEqual([
      ['ipv4', '192.168.139.245'],
      ['ipv4', '192.168.138.4'],
      ['host-port', 'mini-vm.orb.local:8096'],
      ['orb-host', 'mini-vm.orb.local'],
      ['port', 'port 8096'],
    ]);
  });

  it('ignores networks, wildcards, loopback, versions and impossible numbers', () => {
    expect(detectClaims('169.254.0.0/16 and 198.19.249.x, 0.0.0.0, 127.0.0.1, version 10.10.7, 1.160.0, 999.1.1.1, 1.2.3.4.5')).toEqual([]);
    expect(detectClaims('port 99999 and host:70000')).toEqual([]);
  });

  it('keeps the address inside host:port as one fact', () => {
    expect(detectClaims('tcp 0.0.0.0:8096 and 192.168.139.245:8096').map((f) => f.kind)).toEqual(['host-port', 'host-port']);
  });
});

describe('checkClaim', () => {
  it('confirms the address orb reports', () => {
    expect(checkClaim(first('IP 192.168.139.245'), 'VM IP 192.168.139.245', live())).toMatchObject({ status: 'confirmed' });
  });

  it('flags the expected address when orb reports another one', () => {
    const l = live({ machines: [{ name: 'mini-vm', state: 'running', address: '192.168.139.99', expectedAddress: '192.168.139.245' }] });
    expect(checkClaim(first('192.168.139.245'), 'some text', l)).toEqual({ status: 'differs', said: '192.168.139.245', reported: '192.168.139.99', source: 'orb, address of mini-vm' });
  });

  it('flags an address in the VM subnet only when the text is about the VM', () => {
    const l = live({ machines: [{ name: 'mini-vm', state: 'running', address: '192.168.139.99' }] });
    expect(checkClaim(first('192.168.139.245'), 'The VM address is 192.168.139.245', l)).toMatchObject({ status: 'differs' });
    expect(checkClaim(first('192.168.139.7'), 'the printer is at 192.168.139.7', l)).toBeNull();
    expect(checkClaim(first('192.168.138.4'), 'mini-vm gateway 192.168.138.4', l)).toBeNull();
  });

  it('leaves an address unmarked when orb reports none (VM stopped)', () => {
    const l = live({ machines: [{ name: 'mini-vm', state: 'stopped', expectedAddress: '192.168.139.245' }] });
    expect(checkClaim(first('192.168.139.245'), 'VM', l)).toBeNull();
  });

  it('uses the dashboard checks for check targets', () => {
    expect(checkClaim(first('169.254.1.144'), '', live())).toMatchObject({ status: 'confirmed' });
    const l = live({ checks: [{ target: '169.254.1.144', from: 'mini-vm', expect: 'unreachable', observed: 'reachable' }] });
    expect(checkClaim(first('169.254.1.144'), '', l)).toMatchObject({ status: 'differs' });
  });

  it('checks host:port against the probed services', () => {
    expect(checkClaim(first('mini-vm.orb.local:8096'), '', live())).toMatchObject({ status: 'confirmed' });
    expect(checkClaim(first('mini-vm.orb.local:8008'), '', live())).toMatchObject({ status: 'differs', reported: expect.stringContaining('connection refused') });
    // Not a probed endpoint: the port cannot be confirmed, but a host orb does not know is flagged.
    expect(checkClaim(first('mini-vm.orb.local:9999'), '', live())).toBeNull();
    expect(checkClaim(first('gone.orb.local:8096'), '', live())).toMatchObject({ status: 'differs', reported: 'no machine named gone' });
    expect(checkClaim(first('example.org:443'), '', live())).toBeNull();
  });

  it('checks .orb.local names against the machines orb lists', () => {
    expect(checkClaim(first('mini-vm.orb.local'), '', live())).toMatchObject({ status: 'confirmed' });
    expect(checkClaim(first('gone.orb.local'), '', live())).toMatchObject({ status: 'differs', reported: 'no machine named gone', source: 'orb list' });
    expect(checkClaim(first('ubuntu.orb.local'), '', live())).toBeNull();
    expect(checkClaim(first('gone.orb.local'), '', live({ orbState: 'error' }))).toBeNull();
  });

  it('checks "port N" only when one service probed on its VM is named', () => {
    expect(checkClaim(first('port 8096'), 'Jellyfin (port 8096)', live())).toMatchObject({ status: 'confirmed' });
    expect(checkClaim(first('port 8097'), 'Jellyfin (port 8097)', live())).toMatchObject({ status: 'differs' });
    expect(checkClaim(first('port 8096'), 'a service on port 8096', live())).toBeNull();
    const proxied = live({ services: [{ id: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm', host: '127.0.0.1', port: 40123, state: 'up', reason: '' }] });
    expect(checkClaim(first('port 8096'), 'Jellyfin (port 8096)', proxied)).toBeNull();
  });
});

describe('liveValue (explicit syntax)', () => {
  it('gives the current value for known keys and null otherwise', () => {
    expect(liveValue('live:mini-vm.address', live())).toEqual({ value: '192.168.139.245', detail: 'orb, address of mini-vm' });
    expect(liveValue('live:mini-vm.state', live())?.value).toBe('running');
    expect(liveValue('live:synapse.state', live())?.value).toBe('down');
    expect(liveValue('live:jellyfin.url', live())?.value).toBe('mini-vm.orb.local:8096');
    expect(isLiveKey('live:<name>.<field>')).toBe(false);
    expect(isLiveKey('live:nope.password')).toBe(true);
    for (const k of ['live:nope.state', 'live:mini-vm.password', 'live:../x.state', 'live:']) expect(liveValue(k, live())).toBeNull();
  });
});

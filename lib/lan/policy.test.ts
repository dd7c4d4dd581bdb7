import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostName } from './hosts';
import { checkAccess, lanPolicy } from './policy';

describe('Host header parsing', () => {
  it.each([
    ['127.0.0.1:3000', '127.0.0.1'],
    ['LOCALHOST', 'localhost'],
    ['[::1]:3000', '::1'],
    ['mini.local.', 'mini.local'],
    ['evil.example:80', 'evil.example'],
    ['a b', null],
    ['user@host', null],
    ['[::1]x', null],
    ['', null],
  ])('%j → %j', (h, want) => expect(hostName(h)).toBe(want));
});

describe('the LAN policy', () => {
  const defaults = lanPolicy({});

  it('answers to loopback, this machine and its interface addresses by default', () => {
    const short = os.hostname().toLowerCase().split('.')[0];
    for (const h of ['localhost:3000', '127.0.0.1', '[::1]:3000', `${short}.local`, os.hostname()]) {
      expect(checkAccess(defaults, h, '127.0.0.1')).toEqual({ ok: true });
    }
    const someAddress = Object.values(os.networkInterfaces()).flat()[0]?.address;
    if (someAddress) expect(checkAccess(defaults, someAddress.includes(':') ? `[${someAddress}]` : someAddress, '127.0.0.1').ok).toBe(true);
  });

  it.each([
    ['a rebinding name', 'attacker.example', '127.0.0.1', 421, 'host_not_allowed'],
    ['no Host at all', null, '127.0.0.1', 421, 'host_not_allowed'],
    ['a public client', 'localhost', '203.0.113.7', 403, 'network_not_allowed'],
    ['a forged or missing peer stamp', 'localhost', null, 403, 'peer_unknown'],
  ])('refuses %s', (_label, host, peer, status, code) => {
    const v = checkAccess(defaults, host, peer);
    expect(v).toMatchObject({ ok: false, status, code });
    if (!v.ok) expect(v.message).toMatch(/allowed|could not tell|does not answer/);
  });

  it('uses allowedHosts (plus loopback) and allowedNetworks from the config', () => {
    const p = lanPolicy({ allowedHosts: ['dash.home.arpa', '*.lan'], allowedNetworks: ['192.168.50.0/24'] });
    expect(checkAccess(p, 'dash.home.arpa', '192.168.50.20').ok).toBe(true);
    expect(checkAccess(p, 'tablet.lan', '192.168.50.20').ok).toBe(true);
    expect(checkAccess(p, 'lan', '192.168.50.20').ok).toBe(false);
    expect(checkAccess(p, 'localhost', '192.168.50.20').ok).toBe(true);
    expect(checkAccess(p, os.hostname(), '192.168.50.20').ok).toBe(os.hostname().toLowerCase() === 'localhost');
    expect(checkAccess(p, 'dash.home.arpa', '127.0.0.1')).toMatchObject({ ok: false, code: 'network_not_allowed' });
  });

  it('never echoes control characters from a hostile Host header', () => {
    const v = checkAccess(defaults, 'evil\u0000\u001b[31m.example', '127.0.0.1');
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).not.toMatch(/[\u0000-\u001f]/);
  });
});

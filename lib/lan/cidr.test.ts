import { describe, expect, it } from 'vitest';
import { defaultNetworks, inNetworks, isCidr, parseCidr } from './cidr';

const defaults = defaultNetworks.map((c) => parseCidr(c)!);

describe('CIDR matching', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.168.50.4', true],
    ['::ffff:192.168.50.4', true],
    ['10.1.2.3', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['169.254.1.144', true],
    ['fe80::1%en0', true],
    ['fd12:3456::1', true],
    ['8.8.8.8', false],
    ['2001:db8::1', false],
    ['100.64.0.1', false],
    ['not-an-ip', false],
    ['', false],
  ])('%s in the default LAN ranges: %s', (addr, want) => {
    expect(inNetworks(addr, defaults)).toBe(want);
  });

  it('reads bare addresses and narrow ranges', () => {
    expect(inNetworks('192.168.50.4', [parseCidr('192.168.50.4')!])).toBe(true);
    expect(inNetworks('192.168.50.5', [parseCidr('192.168.50.4/32')!])).toBe(false);
    expect(inNetworks('192.168.50.200', [parseCidr('192.168.50.128/25')!])).toBe(true);
    expect(inNetworks('anything', [parseCidr('0.0.0.0/0')!])).toBe(false);
    expect(inNetworks('203.0.113.9', [parseCidr('0.0.0.0/0')!])).toBe(true);
  });

  it.each(['192.168.1.0/33', '10.0.0.0/x', '1.2.3/8', '::1/129', 'fe80::/10/2', 'example.com', '192.168.1.0/ 24'])('rejects %s', (t) => {
    expect(isCidr(t)).toBe(false);
  });
});

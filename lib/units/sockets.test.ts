import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress, listeningSocketsArgv, parseListeningSockets, portExposure } from './sockets';

// Rows as ss 6.1 prints them (Debian 12), wildcard, loopback and scoped forms.
const sample = `LISTEN 0      4096         0.0.0.0:8096      0.0.0.0:*
LISTEN 0      511        127.0.0.1:8008      0.0.0.0:*
LISTEN 0      128          0.0.0.0:22        0.0.0.0:*
LISTEN 0      128             [::]:22           [::]:*
LISTEN 0      4096   127.0.0.53%lo:53        0.0.0.0:*
LISTEN 0      128            [::1]:631          [::]:*
LISTEN 0      4096               *:9090            *:*
LISTEN 0      50   192.168.139.245:29317     0.0.0.0:*
LISTEN 0      128   [fe80::1]%eth0:2222         [::]:*
LISTEN 0      128  [::ffff:127.0.0.1]:7000      [::]:*
`;

describe('ss -Hltn', () => {
  it('is one argv', () => expect(listeningSocketsArgv()).toEqual(['ss', '-Hltn']));

  it('reads every form of address', () => {
    expect(parseListeningSockets(sample)).toEqual([
      { address: '0.0.0.0', port: 8096 },
      { address: '127.0.0.1', port: 8008 },
      { address: '0.0.0.0', port: 22 },
      { address: '::', port: 22 },
      { address: '127.0.0.53', port: 53, scope: 'lo' },
      { address: '::1', port: 631 },
      { address: '*', port: 9090 },
      { address: '192.168.139.245', port: 29317 },
      { address: 'fe80::1', port: 2222, scope: 'eth0' },
      { address: '::ffff:127.0.0.1', port: 7000 },
    ]);
  });

  it('skips a header, blank lines and junk', () => {
    const text = 'State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n\ngarbage\nLISTEN 0 1 1.2.3.4:99999 0.0.0.0:*\nLISTEN x y 1.2.3.4:80 *:*\nLISTEN 0 1 :80 *:*\n0 5 10.0.0.1:80 0.0.0.0:*\n';
    expect(parseListeningSockets(text)).toEqual([{ address: '10.0.0.1', port: 80 }]);
  });

  it('says, for a port, where the VM listens', () => {
    const s = parseListeningSockets(sample);
    expect(portExposure(s, 8096)).toEqual({ kind: 'all', listeners: ['0.0.0.0:8096'] });
    expect(portExposure(s, 22)).toEqual({ kind: 'all', listeners: ['0.0.0.0:22', '[::]:22'] });
    expect(portExposure(s, 9090).kind).toBe('all');
    expect(portExposure(s, 8008)).toEqual({ kind: 'loopback', listeners: ['127.0.0.1:8008'] });
    expect(portExposure(s, 53)).toEqual({ kind: 'loopback', listeners: ['127.0.0.53%lo:53'] });
    expect(portExposure(s, 631)).toEqual({ kind: 'loopback', listeners: ['[::1]:631'] });
    expect(portExposure(s, 7000).kind).toBe('loopback');
    expect(portExposure(s, 29317)).toEqual({ kind: 'specific', listeners: ['192.168.139.245:29317'] });
    expect(portExposure(s, 1234)).toEqual({ kind: 'none', listeners: [] });
    expect(portExposure(parseListeningSockets('LISTEN 0 1 0.0.0.0%lo:80 0.0.0.0:*'), 80).kind).toBe('loopback');
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].every(isLoopbackAddress)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '1270.0.0.1'].some(isLoopbackAddress)).toBe(false);
  });
});

describe('ss -Hltn on this machine', () => {
  const servers: net.Server[] = [];
  const listen = (host: string) =>
    new Promise<number | null>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(null)); // no IPv6 here: that case is left out
      s.listen(0, host, () => {
        servers.push(s);
        resolve((s.address() as net.AddressInfo).port);
      });
    });
  let v4: number | null = null;
  let v6: number | null = null;
  beforeAll(async () => {
    v4 = await listen('127.0.0.1');
    v6 = await listen('::1');
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  it('finds our own loopback listeners as loopback only', () => {
    let out: string;
    try {
      out = execFileSync('ss', ['-Hltn'], { encoding: 'utf8' });
    } catch {
      return; // no ss on this machine
    }
    const sockets = parseListeningSockets(out);
    expect(sockets.length).toBeGreaterThan(0);
    expect(portExposure(sockets, v4!)).toEqual({ kind: 'loopback', listeners: [`127.0.0.1:${v4}`] });
    if (v6) expect(portExposure(sockets, v6)).toEqual({ kind: 'loopback', listeners: [`[::1]:${v6}`] });
  });
});

import { describe, expect, it } from 'vitest';
import { networkMessage, probeSentence } from './probe-sentence';
import { probeCauses } from './states';
import type { ProbeVerdict } from './types';

const say = (v: Omit<ProbeVerdict, 'latencyMs'>) => probeSentence({ latencyMs: null, ...v });

describe('probeSentence', () => {
  it('says why a service is down, and how many rounds it has failed while pending', () => {
    expect(say({ state: 'down', cause: 'refused', endpoint: '/System/Ping' })).toBe('no answer: connection refused');
    expect(say({ state: 'down', cause: 'timeout', waitedFor: 'headers', timeoutMs: 1500 })).toBe('no answer: no response headers within 1500 ms');
    expect(say({ state: 'pending', cause: 'dns', code: 'ENOTFOUND', failures: { count: 1, of: 2 } })).toBe(
      'no answer: host name does not resolve (ENOTFOUND) (failure 1 of 2 before it counts as down)',
    );
    // Past the threshold the count is kept as data, not said.
    expect(say({ state: 'down', cause: 'reset', failures: { count: 5, of: 2 } })).toBe('no answer: connection reset by the server');
  });

  it('names the endpoint when the service answered and one request did not', () => {
    expect(say({ state: 'degraded', cause: 'refused', endpoint: '/System/Info/Public' })).toBe('/System/Info/Public: connection refused');
    expect(say({ state: 'degraded', cause: 'too-many-redirects', redirects: 3, endpoint: '/' })).toBe('/: more than 3 redirects');
    expect(say({ state: 'degraded', cause: 'redirect-elsewhere', httpStatus: 302, target: 'http://elsewhere:1', endpoint: '/health' })).toBe(
      '/health: HTTP 302 redirect to another origin (http://elsewhere:1); not followed',
    );
  });

  it('says what an unhealthy answer was', () => {
    expect(say({ state: 'degraded', cause: 'auth', endpoint: '/health', httpStatus: 401 })).toBe('/health needs authentication (HTTP 401)');
    expect(say({ state: 'degraded', cause: 'status', endpoint: '/', httpStatus: 503, excerpt: '503 Service Unavailable' })).toBe('/ answered HTTP 503: 503 Service Unavailable');
    expect(say({ state: 'degraded', cause: 'body', endpoint: '/health', httpStatus: 200, expected: '"OK"', excerpt: '' })).toBe('/health answered HTTP 200, but not "OK": an empty body');
    expect(say({ state: 'degraded', cause: 'unhealthy', endpoint: '/health', excerpt: 'Unhealthy' })).toBe('/health reports Unhealthy');
    expect(say({ state: 'degraded', cause: 'wrong-product', excerpt: 'Emby Server', expected: 'Jellyfin' })).toBe('answers as Emby Server, not Jellyfin');
    expect(say({ state: 'starting', cause: 'starting', endpoint: '/System/Info/Public', httpStatus: 503 })).toBe(
      'starting: it answers, but /System/Info/Public says the server is loading (HTTP 503)',
    );
  });

  it('says healthy in the words of each kind, and why something was not probed', () => {
    expect(say({ state: 'up', cause: 'healthy', serverName: 'mini-vm' })).toBe('healthy, server "mini-vm"');
    expect(say({ state: 'up', cause: 'ready' })).toBe('live and ready');
    expect(say({ state: 'up', cause: 'expected-status', httpStatus: 204 })).toBe('HTTP 204');
    expect(say({ state: 'vm-stopped', cause: 'machine-not-running', machine: 'mini-vm', machineState: 'paused' })).toBe('not probed: mini-vm is paused');
    expect(say({ state: 'vm-stopped', cause: 'orb-stopped' })).toBe('not probed: OrbStack is stopped');
  });

  it('has words for every cause', () => {
    for (const cause of probeCauses) expect(say({ state: 'degraded', cause, endpoint: '/x', httpStatus: 500 })).toMatch(/\w/);
    expect(networkMessage({ cause: 'blocked', target: '169.254.1.144' })).toBe('not probed: 169.254.1.144 is not a loopback address (DASHBOARD_LOOPBACK_ONLY=1)');
  });
});

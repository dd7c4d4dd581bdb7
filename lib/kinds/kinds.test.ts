import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { kindOf, serviceKinds } from '.';

describe('the registry of service kinds', () => {
  it('gives each kind a label, a probe and its defaults, with the unit it usually runs as', () => {
    expect(serviceKinds).toEqual(['jellyfin', 'synapse', 'mautrix-bridge', 'http']);
    expect(serviceKinds.map((k) => [k, kindOf(k).label, kindOf(k).defaults.unit ?? null])).toEqual([
      ['jellyfin', 'Jellyfin', 'jellyfin.service'],
      ['synapse', 'Matrix homeserver', 'matrix-synapse.service'],
      ['mautrix-bridge', 'mautrix bridge', null],
      ['http', 'HTTP', null],
    ]);
    for (const k of serviceKinds) {
      expect(kindOf(k).id).toBe(k);
      expect(typeof kindOf(k).probe).toBe('function');
      expect(kindOf(k).defaults.timeoutMs).toBeGreaterThan(0);
    }
    // Only Jellyfin can say what it is doing.
    expect(serviceKinds.filter((k) => kindOf(k).activity)).toEqual(['jellyfin']);
  });

  it('is where the config takes its kinds and their default timeouts from', () => {
    const service = (kind: string, extra = '') => `machines:\n  - name: vm\n    services:\n      - { id: s, name: S, kind: ${kind}, url: "http://127.0.0.1:1"${extra} }\n`;
    expect(parseConfig(service('synapse'), 'c.yaml').machines[0].services[0].timeoutMs).toBe(kindOf('synapse').defaults.timeoutMs);
    expect(parseConfig(service('http', ', timeoutMs: 700'), 'c.yaml').machines[0].services[0].timeoutMs).toBe(700);
    expect(() => parseConfig(service('gopher'), 'c.yaml')).toThrow(/machines\.0\.services\.0\.kind: .*"jellyfin".*"http"/);
  });
});

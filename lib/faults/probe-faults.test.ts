import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusedPort, startHostile, unacceptingPort } from '../../demo/lab/hostile-server.mjs';
import { serviceSchema, type ServiceKind } from '../config-schema';
import { probeSentence } from '../probe-sentence';
import { probeUrl, type ProbeResult } from '../probes';
import { failOnStrayErrors } from './strict-process';

failOnStrayErrors();

type Behaviour = 'ok' | 'jellyfinPing' | 'jellyfinHealthy' | 'hang' | 'trickle' | 'html503' | 'garbage' | 'wrongShape' | 'huge' | 'loop' | 'offsite' | 'auth401' | 'auth403' | 'notHttp';
interface Hostile {
  url: string;
  stop(): Promise<void>;
}

const TIMEOUT = 800;
// The paths a probe decides reachability by, answered as a healthy service would.
const healthy: Partial<Record<ServiceKind, Record<string, Behaviour>>> = {
  jellyfin: { '/System/Ping': 'jellyfinPing', '/health': 'jellyfinHealthy' },
  synapse: { '/health': 'ok' },
};

// One server per case: the named behaviour everywhere ('all'), or only past the healthy paths ('detail').
function serve(kind: ServiceKind, bad: Behaviour, where: 'all' | 'detail'): Promise<Hostile> {
  return startHostile((p: string) => (where === 'detail' ? (healthy[kind]?.[p] ?? bad) : bad));
}

const svc = (kind: ServiceKind, url: string) => serviceSchema.parse({ id: 'x', name: 'X', kind, url, timeoutMs: TIMEOUT });

interface Case {
  label: string;
  kind: ServiceKind;
  bad?: Behaviour;
  where?: 'all' | 'detail';
  url?: () => Promise<{ url: string; stop?: () => void }>;
  state: string;
  fields: Partial<ProbeResult>;
}

const cases: Case[] = [
  { label: 'connection refused', kind: 'http', url: async () => ({ url: `http://127.0.0.1:${await refusedPort()}` }), state: 'down', fields: { cause: 'refused' } },
  { label: 'a DNS name that does not resolve', kind: 'synapse', url: async () => ({ url: 'http://mini-vm.does-not-exist.invalid:8008' }), state: 'down', fields: { cause: 'dns' } },
  {
    label: 'a connect timeout',
    kind: 'jellyfin',
    url: async () => {
      const u = await unacceptingPort();
      return { url: `http://127.0.0.1:${u.port}`, stop: u.stop };
    },
    state: 'down',
    fields: { cause: 'timeout', waitedFor: 'connection', timeoutMs: 800 },
  },
  { label: 'headers that never come', kind: 'synapse', bad: 'hang', where: 'all', state: 'down', fields: { cause: 'timeout', waitedFor: 'headers', timeoutMs: 800 } },
  { label: 'a body that trickles', kind: 'http', bad: 'trickle', where: 'all', state: 'down', fields: { cause: 'timeout', waitedFor: 'body', timeoutMs: 800 } },
  { label: 'a 503 HTML page (generic)', kind: 'http', bad: 'html503', where: 'all', state: 'degraded', fields: { cause: 'status', httpStatus: 503, excerpt: expect.stringContaining('503 Service Unavailable') } },
  { label: 'a 503 HTML page (Synapse)', kind: 'synapse', bad: 'html503', where: 'all', state: 'degraded', fields: { cause: 'status', endpoint: '/health', httpStatus: 503 } },
  { label: 'a 503 HTML page behind a live ping (Jellyfin starting)', kind: 'jellyfin', bad: 'html503', where: 'detail', state: 'starting', fields: { cause: 'starting', httpStatus: 503 } },
  { label: 'garbage JSON (Jellyfin)', kind: 'jellyfin', bad: 'garbage', where: 'detail', state: 'degraded', fields: { cause: 'body', expected: "Jellyfin's JSON" } },
  { label: 'garbage (bridge)', kind: 'mautrix-bridge', bad: 'garbage', where: 'all', state: 'degraded', fields: { cause: 'body', expected: 'a mautrix answer' } },
  { label: 'JSON of the wrong shape (Jellyfin)', kind: 'jellyfin', bad: 'wrongShape', where: 'detail', state: 'degraded', fields: { cause: 'body', expected: "Jellyfin's JSON" } },
  { label: 'JSON of the wrong shape (bridge)', kind: 'mautrix-bridge', bad: 'wrongShape', where: 'all', state: 'degraded', fields: { cause: 'body', expected: 'a mautrix answer' } },
  { label: 'a 10 MB body (Synapse /health)', kind: 'synapse', bad: 'huge', where: 'all', state: 'degraded', fields: { cause: 'body', endpoint: '/health', expected: '"OK"' } },
  { label: 'a 10 MB body (Jellyfin info)', kind: 'jellyfin', bad: 'huge', where: 'detail', state: 'degraded', fields: { cause: 'body', expected: "Jellyfin's JSON" } },
  { label: 'a redirect loop', kind: 'http', bad: 'loop', where: 'all', state: 'degraded', fields: { cause: 'too-many-redirects', redirects: 3 } },
  { label: 'a redirect to another origin', kind: 'synapse', bad: 'offsite', where: 'all', state: 'degraded', fields: { cause: 'redirect-elsewhere', target: expect.stringMatching(/^http:\/\//) } },
  { label: 'a 401 (generic)', kind: 'http', bad: 'auth401', where: 'all', state: 'degraded', fields: { cause: 'auth', httpStatus: 401 } },
  { label: 'a 401 (Synapse)', kind: 'synapse', bad: 'auth401', where: 'all', state: 'degraded', fields: { cause: 'auth', httpStatus: 401, endpoint: '/health' } },
  { label: 'a 401 (Jellyfin)', kind: 'jellyfin', bad: 'auth401', where: 'all', state: 'degraded', fields: { cause: 'auth', httpStatus: 401, endpoint: '/System/Ping' } },
  { label: 'a 401 (bridge)', kind: 'mautrix-bridge', bad: 'auth401', where: 'all', state: 'degraded', fields: { cause: 'auth', httpStatus: 401, endpoint: '/_matrix/mau/live' } },
  { label: 'a 403 (Jellyfin details)', kind: 'jellyfin', bad: 'auth403', where: 'detail', state: 'degraded', fields: { cause: 'auth', httpStatus: 403, endpoint: '/System/Info/Public' } },
  { label: 'something that does not speak HTTP', kind: 'http', bad: 'notHttp', where: 'all', state: 'down', fields: { cause: expect.stringMatching(/^(not-http|reset)$/) } },
];

describe('service faults: each gives a clear state and reason, within the timeout', () => {
  it.each(cases)('$label → $state', async (c) => {
    let stop: () => unknown = () => {};
    let url: string;
    if (c.url) {
      const t = await c.url();
      url = t.url;
      stop = t.stop ?? stop;
    } else {
      const h = await serve(c.kind, c.bad!, c.where ?? 'all');
      url = h.url;
      stop = () => h.stop();
    }
    try {
      const started = performance.now();
      const r = await probeUrl(svc(c.kind, url), url);
      // Synapse may make one follow-up call inside the same budget; nothing waits past it.
      expect(performance.now() - started).toBeLessThan(TIMEOUT + 200);
      expect(r).toMatchObject({ state: c.state, ...c.fields });
      // What it would say is one short printable line, never an upstream object or a body dump.
      const sentence = probeSentence(r);
      expect(sentence.length).toBeLessThan(200);
      expect(sentence).not.toMatch(/[\u0000-\u001f]|\[object|Error:|at .*\.js|undefined/);
    } finally {
      await stop();
    }
  });
});

describe('a healthy server is still up after all that', () => {
  let h: Hostile;
  beforeAll(async () => (h = await serve('synapse', 'ok', 'detail')));
  afterAll(() => h.stop());
  it('synapse answering OK is up', async () => {
    const r = await probeUrl(svc('synapse', h.url), h.url);
    expect(r.state).toBe('up');
  });
});

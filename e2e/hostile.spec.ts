import { createHmac, randomBytes } from 'node:crypto';
import { expect, freePort, HARNESS_PASSWORD, HARNESS_SESSION_SECRET, raw, startDashboard, test, type Dashboard, type RawResponse } from './harness/dashboard';

// Hostile HTTP input against a private dashboard whose log is captured: every case gets a clear
// refusal (never a 5xx, never a leak), and the server keeps answering.
// Asked for before the cases below are written, since their headers name it.
const port = await freePort();
let d: Dashboard;

test.beforeAll(async () => {
  d = await startDashboard({ port });
});
test.afterAll(async () => {
  await d?.stop();
});
test.afterEach(async () => {
  expect((await raw(port, { path: '/api/health' })).status).toBe(200);
  expect(d.errorLines()).toEqual([]);
});

const host = () => `127.0.0.1:${port}`;
const LEAKS = /root:x:0:0|"dependencies"|DASHBOARD_PASSWORD|demo-password|BEGIN [A-Z ]*PRIVATE KEY|at [\w.]+ \(|node_modules\//;

interface Case {
  label: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  status: number[];
  code?: string;
  text?: RegExp;
}

const big = Buffer.alloc(3 * 1024 * 1024, 0x7b);
const meta = encodeURIComponent('$(reboot);`id`|cat /etc/passwd&&rm -rf / #\'"<x>');

/** A session cookie signed the way lib/auth.ts signs one, with the harness's known secret and password. */
function session(expiresAt: number, secret = HARNESS_SESSION_SECRET): string {
  const payload = `${expiresAt}.${randomBytes(12).toString('base64url')}`;
  const key = createHmac('sha256', Buffer.from(secret)).update(HARNESS_PASSWORD).digest();
  return `mvd_session=${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}
const same = () => ({ origin: `http://${host()}`, 'content-type': 'application/json' });
const valid = session(Date.now() + 3600_000);
const sessionCases: Case[] = [
  { label: 'a valid session reaches the route (control for the cases below)', method: 'POST', path: '/api/rebuild', headers: { ...same(), cookie: valid }, body: '{"target":"nope"}', status: [400], code: 'rebuild_unavailable' },
  { label: 'no session: starting a rebuild', method: 'POST', path: '/api/rebuild', headers: same(), body: '{"target":"mini-vm"}', status: [401], code: 'unauthenticated' },
  { label: 'a forged session: starting a rebuild', method: 'POST', path: '/api/rebuild', headers: { ...same(), cookie: session(Date.now() + 3600_000, 'not-the-secret-at-all-0123456789') }, body: '{"target":"mini-vm"}', status: [401], code: 'unauthenticated' },
  { label: 'a garbage session cookie', method: 'POST', path: '/api/rebuild', headers: { ...same(), cookie: 'mvd_session=' + 'A.'.repeat(150) }, body: '{"target":"mini-vm"}', status: [401], code: 'unauthenticated' },
  { label: 'an expired session: starting a rebuild', method: 'POST', path: '/api/rebuild', headers: { ...same(), cookie: session(Date.now() - 1000) }, body: '{"target":"mini-vm"}', status: [401], code: 'unauthenticated' },
  { label: 'no session: cancelling a rebuild', method: 'POST', path: '/api/rebuild/1/cancel', headers: same(), body: '{}', status: [401], code: 'unauthenticated' },
  { label: 'an expired session: cancelling a rebuild', method: 'POST', path: '/api/rebuild/1/cancel', headers: { ...same(), cookie: session(Date.now() - 1000) }, body: '{}', status: [401], code: 'unauthenticated' },
  { label: 'the wrong content type: signing in', method: 'POST', path: '/api/session', headers: { ...same(), 'content-type': 'text/plain' }, body: `{"password":"${HARNESS_PASSWORD}"}`, status: [415], code: 'unsupported_media_type' },
  { label: 'the wrong content type: starting a rebuild', method: 'POST', path: '/api/rebuild', headers: { ...same(), cookie: valid, 'content-type': 'application/x-www-form-urlencoded' }, body: 'target=mini-vm', status: [415], code: 'unsupported_media_type' },
  { label: 'a body that is not JSON: starting a rebuild', method: 'POST', path: '/api/rebuild', headers: { ...same(), cookie: valid }, body: '{"target":', status: [400], code: 'bad_json' },
  { label: 'a body the schema refuses: starting a rebuild', method: 'POST', path: '/api/rebuild', headers: { ...same(), cookie: valid }, body: '{"target":"mini-vm","mode":"reboot"}', status: [400], code: 'invalid_body' },
  // The route's own limits use the proxy's words: the same code whichever layer refuses.
  { label: 'a body over the route\'s limit: starting a rebuild', method: 'POST', path: '/api/rebuild', headers: { ...same(), cookie: valid }, body: JSON.stringify({ x: 'y'.repeat(5000) }), status: [413], code: 'body_too_large' },
  { label: 'neither Origin nor Sec-Fetch-Site: the route refuses', method: 'POST', path: '/api/rebuild', headers: { 'content-type': 'application/json', cookie: valid }, body: '{"target":"mini-vm"}', status: [403], code: 'cross_origin' },
  { label: 'cancelling a run that does not exist', method: 'POST', path: '/api/rebuild/abcdefgh-0123abcd/cancel', headers: { ...same(), cookie: valid }, body: '{}', status: [404], code: 'not_found' },
];

const cases: Case[] = [
  ...sessionCases,
  { label: 'a Host that is not allowed (DNS rebinding), page', path: '/', headers: { host: 'rebind.attacker.example' }, status: [421], text: /does not answer to the host name "rebind\.attacker\.example".*allowedHosts/ },
  { label: 'a Host that is not allowed, API', path: '/api/status', headers: { host: `attacker.example:${port}` }, status: [421], code: 'host_not_allowed' },
  { label: 'a Host that is not allowed, static file', path: '/favicon.ico', headers: { host: 'attacker.example' }, status: [421] },
  { label: 'a Host with control characters', path: '/', headers: { host: 'a\tb' }, status: [400, 421] },
  { label: 'a forged peer stamp and X-Forwarded-For do not matter', path: '/api/status', headers: { host: host(), 'x-dashboard-peer': 'x 8.8.8.8', 'x-forwarded-for': '8.8.8.8' }, status: [200] },
  { label: 'a cross-site POST', method: 'POST', path: '/api/status', headers: { host: host(), origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{}', status: [403], code: 'cross_origin' },
  { label: 'a cross-site form POST to a page', method: 'POST', path: '/', headers: { host: host(), origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1', status: [403], text: /another site/ },
  { label: 'a POST from a sandboxed frame (Origin: null)', method: 'POST', path: '/api/status', headers: { host: host(), origin: 'null' }, body: '{}', status: [403], code: 'cross_origin' },
  { label: 'an oversized body', method: 'POST', path: '/api/status', headers: { host: host(), 'content-type': 'application/json' }, body: big, status: [413], code: 'body_too_large' },
  { label: 'the wrong content type', method: 'POST', path: '/api/status', headers: { host: host(), origin: `http://${host()}`, 'content-type': 'text/xml' }, body: '<x/>', status: [405, 415] },
  { label: 'a slug full of shell metacharacters (docs)', path: `/docs/${meta}`, status: [404] },
  { label: 'a slug full of shell metacharacters (API)', path: `/api/rebuild/${meta}`, status: [404], code: 'not_found' },
  { label: 'docs path traversal, plain', path: '/docs/../../../../etc/passwd', status: [404] },
  { label: 'docs path traversal, plain, to the repo', path: '/docs/../package.json', status: [404] },
  { label: 'docs path traversal, encoded', path: '/docs/%2e%2e%2f%2e%2e%2fpackage.json', status: [404] },
  { label: 'docs path traversal, double-encoded', path: '/docs/%252e%252e%252fpackage.json', status: [404] },
  { label: 'docs path traversal, encoded backslash', path: '/docs/..%5c..%5cpackage.json', status: [404] },
  { label: 'docs path traversal, NUL byte', path: '/docs/index%00.md', status: [400, 404] },
  { label: 'a very long path', path: `/docs/${'a'.repeat(8000)}`, status: [404, 414, 431] },
];

/** Follow same-origin redirects (Next normalises some paths with a 308) to the final answer. */
async function send(c: Case): Promise<RawResponse> {
  let path = c.path;
  for (let hop = 0; ; hop++) {
    const r = await raw(port, { method: c.method, path, headers: { host: host(), ...c.headers }, body: c.body });
    const loc = r.headers.location;
    if (r.status < 300 || r.status >= 400 || !loc || hop >= 3) return r;
    const next = new URL(loc, `http://${host()}`);
    expect(next.host).toBe(host());
    path = next.pathname + next.search;
  }
}

test.describe('hostile HTTP input', () => {
  for (const c of cases) {
    test(c.label, async () => {
      const r = await send(c);
      expect(c.status).toContain(r.status);
      expect(r.body).not.toMatch(LEAKS);
      if (c.code) expect(JSON.parse(r.body).error.code).toBe(c.code);
      // Whichever layer refused, a JSON error speaks the one snake_case vocabulary (lib/http-errors.ts).
      if (String(r.headers['content-type']).startsWith('application/json') && r.status >= 400) expect(JSON.parse(r.body).error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      if (c.text) expect(r.body).toMatch(c.text);
      if (r.status >= 400 && r.status !== 404) expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    });
  }

  test('every response carries the security headers, with a fresh nonce per page', async () => {
    const pages = await Promise.all([raw(port, { path: '/', headers: { host: host() } }), raw(port, { path: '/', headers: { host: `localhost:${port}` } })]);
    const nonces = pages.map((p) => /'nonce-([^']+)'/.exec(String(p.headers['content-security-policy']))?.[1]);
    expect(nonces[0]).toBeTruthy();
    expect(nonces[0]).not.toBe(nonces[1]);
    for (const [i, p] of pages.entries()) {
      expect(p.status).toBe(200);
      expect(p.body).toContain(`nonce="${nonces[i]}"`);
      // No script without this request's nonce.
      for (const tag of p.body.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonces[i]}"`);
    }
    for (const path of ['/', '/api/status', '/api/health', '/no-such-page']) {
      const r = await raw(port, { path, headers: { host: host() } });
      const csp = String(r.headers['content-security-policy']);
      // Pages run only scripts with their nonce; API answers may run nothing at all.
      expect(csp).toMatch(path.startsWith('/api/') ? /^default-src 'none'/ : /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('same-origin');
    }
  });
});

test.describe('allowedNetworks', () => {
  test('a client outside allowedNetworks is refused, whatever it claims in headers', async ({ launch }) => {
    const restricted = await launch({ extraConfig: 'allowedNetworks: [10.0.0.0/8]\n' });
    for (const headers of [{} as Record<string, string>, { 'x-forwarded-for': '10.1.2.3' }, { 'x-dashboard-peer': 'guess 10.1.2.3' }, { 'x-real-ip': '10.1.2.3' }]) {
      const r = await raw(restricted.port, { path: '/api/status', headers });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body).error).toMatchObject({ code: 'network_not_allowed', message: expect.stringMatching(/127\.0\.0\.1.*allowedNetworks/) });
    }
    const page = await raw(restricted.port, { path: '/' });
    expect(page.status).toBe(403);
    expect(page.body).toMatch(/not allowed.*allowedNetworks/);
    expect(restricted.errorLines()).toEqual([]);
  });
});

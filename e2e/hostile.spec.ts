import { expect, freePort, HARNESS_PASSWORD, raw, startDashboard, test, type Dashboard, type RawResponse } from './harness/dashboard';
import { hostileCases, LEAKS, type Case } from './hostile-cases';

// Hostile HTTP input against a private dashboard whose log is captured: every case gets a clear
// refusal (never a 5xx, never a leak), and the server keeps answering.
// Asked for before the cases below are written, since their headers name it.
const port = await freePort();
let d: Dashboard;
/** The cookie of a session this dashboard issued, for the cases that need one. */
let session = '';

test.beforeAll(async () => {
  d = await startDashboard({ port });
  session = await signIn(port);
});
test.afterAll(async () => {
  await d?.stop();
});
test.afterEach(async () => {
  expect((await raw(port, { path: '/api/health' })).status).toBe(200);
  expect(d.errorLines()).toEqual([]);
});

const host = () => `127.0.0.1:${port}`;
const cases = hostileCases(host());

/** Sign in as a browser on this dashboard's page would; the session cookie the server set. */
async function signIn(at: number, localAddress?: string): Promise<string> {
  const r = await login(at, HARNESS_PASSWORD, localAddress);
  expect(r.status).toBe(200);
  return String(r.headers['set-cookie']?.[0]).split(';')[0];
}
function login(at: number, password: string, localAddress?: string): Promise<RawResponse> {
  const headers = { host: `127.0.0.1:${at}`, origin: `http://127.0.0.1:${at}`, 'content-type': 'application/json' };
  return raw(at, { method: 'POST', path: '/api/session', headers, body: JSON.stringify({ password }), localAddress });
}

const pathOf = (c: Case) => (/^[a-z]+:\/\//i.test(c.path) ? new URL(c.path).pathname : c.path);

/** Follow same-origin redirects (Next normalises some paths with a 308) to the final answer. */
async function send(c: Case): Promise<RawResponse> {
  let path = c.path;
  for (let hop = 0; ; hop++) {
    const headers = { host: host(), ...(c.signedIn ? { cookie: session } : {}), ...c.headers };
    const r = await raw(port, { method: c.method, path, headers, body: c.body });
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
      if (r.status >= 400 && r.status !== 404) {
        expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(r.headers['x-content-type-options']).toBe('nosniff');
        // JSON for the API, words for a person everywhere else.
        if (r.body) expect(String(r.headers['content-type'])).toMatch(pathOf(c).startsWith('/api/') ? /^application\/json/ : /^text\/(plain|html)/);
      }
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

test.describe('sign-in limits', () => {
  // Each case starts a dashboard of its own; on a loaded machine that alone can take half a minute.
  test.describe.configure({ timeout: 120_000 });
  // Each 127.0.0.x is another client to the server: its socket address, not a header.
  test('failures spread over many clients never lock out one that has not failed', async ({ launch }) => {
    const dash = await launch();
    const seen = new Set<number>();
    for (let i = 0; i < 35; i++) seen.add((await login(dash.port, 'not-the-password', `127.0.0.${2 + (i % 7)}`)).status);
    for (const status of seen) expect([401, 429]).toContain(status);
    // A fresh client with the right password is let in at once.
    await signIn(dash.port, '127.0.0.9');
    await signIn(dash.port, '127.0.0.1');
    expect(dash.errorLines()).toEqual([]);
  });

  test('a blocked client is not kept blocked longer by knocking, and gets in once the pause is over', async ({ launch }) => {
    const dash = await launch();
    const me = '127.0.0.20';
    let r = await login(dash.port, 'wrong', me);
    while (r.status === 401) r = await login(dash.port, 'wrong', me);
    expect([r.status, JSON.parse(r.body).error.code]).toEqual([429, 'rate_limited']);
    // The latest the pause can end, as the first refusal put it.
    const until = Date.now() + Number(r.headers['retry-after']) * 1000;
    // Knock with wrong passwords until the pause is over: no refusal on the way may move its end later.
    for (;;) {
      const sent = Date.now();
      const again = await login(dash.port, 'wrong', me);
      if (again.status !== 429) {
        // The pause ended; this wrong password counted and started the next, longer one.
        expect(again.status).toBe(401);
        break;
      }
      expect(sent + (Number(again.headers['retry-after']) - 1) * 1000).toBeLessThanOrEqual(until);
    }
    // Waiting on the state, not a clock: the right password works as soon as that pause ends too.
    await expect.poll(async () => (await login(dash.port, HARNESS_PASSWORD, me)).status, { timeout: 30_000, intervals: [250] }).toBe(200);
  });
});

test.describe('sessions', () => {
  test.describe.configure({ timeout: 120_000 });
  const signedInWith = async (at: number, cookie: string) => JSON.parse((await raw(at, { path: '/api/session', headers: { cookie } })).body).signedIn;

  test('signing out ends the session on the server, and it stays ended after a restart', async ({ launch }) => {
    const dash = await launch();
    const [gone, kept] = [await signIn(dash.port), await signIn(dash.port)];
    expect(await signedInWith(dash.port, gone)).toBe(true);
    const origin = `http://127.0.0.1:${dash.port}`;
    const out = await raw(dash.port, { method: 'DELETE', path: '/api/session', headers: { origin, cookie: gone } });
    expect(out.status).toBe(200);
    // The old cookie, replayed as if the browser had kept it.
    expect(await signedInWith(dash.port, gone)).toBe(false);
    const start = { method: 'POST', path: '/api/rebuild', body: '{"target":"nope"}' };
    const refused = await raw(dash.port, { ...start, headers: { origin, 'content-type': 'application/json', cookie: gone } });
    expect(refused.status).toBe(401);
    expect(await signedInWith(dash.port, kept)).toBe(true);
    await dash.restart();
    expect(await signedInWith(dash.port, gone)).toBe(false);
    // A session not signed out survives the restart.
    expect(await signedInWith(dash.port, kept)).toBe(true);
    expect((await raw(dash.port, { ...start, headers: { origin, 'content-type': 'application/json', cookie: kept } })).status).toBe(400);
    expect(dash.errorLines()).toEqual([]);
  });
});

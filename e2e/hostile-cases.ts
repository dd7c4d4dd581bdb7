import { createHmac, randomBytes } from 'node:crypto';
import { HARNESS_PASSWORD, HARNESS_SESSION_SECRET } from './harness/dashboard';

// The hostile suite's table of single requests (e2e/hostile.spec.ts runs them): each gets a clear
// refusal or a normal answer, never a 5xx, never a leak.

export interface Case {
  label: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the cookie of a session the server issued (the spec signs in once before the cases). */
  signedIn?: boolean;
  status: number[];
  code?: string;
  text?: RegExp;
}

export const LEAKS = /root:x:0:0|"dependencies"|DASHBOARD_PASSWORD|demo-password|BEGIN [A-Z ]*PRIVATE KEY|at [\w.]+ \(|node_modules\//;

const big = Buffer.alloc(3 * 1024 * 1024, 0x7b);
const meta = encodeURIComponent('$(reboot);`id`|cat /etc/passwd&&rm -rf / #\'"<x>');

/** A cookie signed the way lib/auth.ts signs one, with the harness's secret and password, but never issued by the server. */
export function signedCookie(expiresAt: number, secret = HARNESS_SESSION_SECRET): string {
  const payload = `${expiresAt}.${randomBytes(12).toString('base64url')}`;
  const key = createHmac('sha256', Buffer.from(secret)).update(HARNESS_PASSWORD).digest();
  return `mvd_session=${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

function sessionCases(host: string): Case[] {
  const same = { origin: `http://${host}`, 'content-type': 'application/json' };
  const start = { method: 'POST', path: '/api/rebuild', body: '{"target":"mini-vm"}' };
  return [
    { label: 'a valid session reaches the route (control for the cases below)', method: 'POST', path: '/api/rebuild', headers: same, signedIn: true, body: '{"target":"nope"}', status: [400], code: 'rebuild_unavailable' },
    { label: 'no session: starting a rebuild', ...start, headers: same, status: [401], code: 'unauthenticated' },
    { label: 'a forged session: starting a rebuild', ...start, headers: { ...same, cookie: signedCookie(Date.now() + 3600_000, 'not-the-secret-at-all-0123456789') }, status: [401], code: 'unauthenticated' },
    { label: 'a well-signed session the server never issued: starting a rebuild', ...start, headers: { ...same, cookie: signedCookie(Date.now() + 3600_000) }, status: [401], code: 'unauthenticated' },
    { label: 'a garbage session cookie', ...start, headers: { ...same, cookie: 'mvd_session=' + 'A.'.repeat(150) }, status: [401], code: 'unauthenticated' },
    { label: 'an expired session: starting a rebuild', ...start, headers: { ...same, cookie: signedCookie(Date.now() - 1000) }, status: [401], code: 'unauthenticated' },
    { label: 'no session: cancelling a rebuild', method: 'POST', path: '/api/rebuild/1/cancel', headers: same, body: '{}', status: [401], code: 'unauthenticated' },
    { label: 'an expired session: cancelling a rebuild', method: 'POST', path: '/api/rebuild/1/cancel', headers: { ...same, cookie: signedCookie(Date.now() - 1000) }, body: '{}', status: [401], code: 'unauthenticated' },
    { label: 'the wrong content type: signing in', method: 'POST', path: '/api/session', headers: { ...same, 'content-type': 'text/plain' }, body: `{"password":"${HARNESS_PASSWORD}"}`, status: [415], code: 'unsupported_media_type' },
    { label: 'the wrong content type: starting a rebuild', ...start, headers: { ...same, 'content-type': 'application/x-www-form-urlencoded' }, signedIn: true, body: 'target=mini-vm', status: [415], code: 'unsupported_media_type' },
    // A media type that only starts with application/json is another type.
    ...['application/json-patch+json', 'application/json+x', 'application/json.x', 'application/json;charset=latin1'].map((type): Case => ({ label: `content type ${type}: starting a rebuild`, ...start, headers: { ...same, 'content-type': type }, signedIn: true, body: '{"target":"nope"}', status: [415], code: 'unsupported_media_type' })),
    { label: 'JSON with a charset and odd case is still JSON', ...start, headers: { ...same, 'content-type': 'Application/JSON ; Charset="UTF-8"' }, signedIn: true, body: '{"target":"nope"}', status: [400], code: 'rebuild_unavailable' },
    { label: 'a body that is not JSON: starting a rebuild', ...start, headers: same, signedIn: true, body: '{"target":', status: [400], code: 'bad_json' },
    { label: 'a body the schema refuses: starting a rebuild', ...start, headers: same, signedIn: true, body: '{"target":"mini-vm","mode":"reboot"}', status: [400], code: 'invalid_body' },
    // The route's own limits use the proxy's words: the same code whichever layer refuses.
    { label: "a body over the route's limit: starting a rebuild", ...start, headers: same, signedIn: true, body: JSON.stringify({ x: 'y'.repeat(5000) }), status: [413], code: 'body_too_large' },
    { label: 'neither Origin nor Sec-Fetch-Site: the route refuses', ...start, headers: { 'content-type': 'application/json' }, signedIn: true, status: [403], code: 'cross_origin' },
    { label: 'cancelling a run that does not exist', method: 'POST', path: '/api/rebuild/abcdefgh-0123abcd/cancel', headers: same, signedIn: true, body: '{}', status: [404], code: 'not_found' },
  ];
}

function requestLineCases(host: string): Case[] {
  const badPages = ['/services/%ff', '/docs/%ff', '/rebuilds/%ff', '/docs/%zz', '/docs/a%', '/%c0%af'];
  return [
    // Invalid percent-encoding: the proxy answers before a route tries to decode it.
    ...badPages.map((path): Case => ({ label: `invalid percent-encoding in a page path: ${path}`, path, status: [400], text: /percent-encoding/ })),
    { label: 'invalid percent-encoding in an API path', path: '/api/rebuild/%ff%fe/log', status: [400], code: 'bad_request' },
    // Methods the server does not serve are refused at the server, before Next.js.
    { label: 'TRACE on a page', method: 'TRACE', path: '/', status: [405], text: /TRACE/ },
    { label: 'TRACE on the API', method: 'TRACE', path: '/api/status', status: [405], code: 'method_not_allowed' },
    { label: 'PROPFIND on a page', method: 'PROPFIND', path: '/', status: [405] },
    { label: 'an asterisk-form target', method: 'OPTIONS', path: '*', status: [400], text: /request target/ },
    // Absolute form: the target's host is the one that counts, and only our own is answered.
    { label: 'absolute form naming another host, page', path: 'http://evil.example/', status: [421], text: /host name "evil\.example"/ },
    { label: 'absolute form naming another host, API', path: 'http://evil.example/api/status', status: [421], code: 'host_not_allowed' },
    { label: 'absolute form naming another host over https', path: 'https://evil.example:8443/docs', status: [421] },
    { label: 'absolute form with userinfo', path: `http://x@evil.example/`, status: [400, 421] },
    { label: 'absolute form with another scheme', path: `ftp://${host}/`, status: [400] },
    { label: 'absolute form naming this host is served', path: `http://${host}/api/health`, status: [200] },
  ];
}

/** The alerting's routes: silences, test messages, the notifications list. Only names from the config are acted on. */
function alertCases(host: string): Case[] {
  const same = { origin: `http://${host}`, 'content-type': 'application/json' };
  const silence = (body: unknown, extra: Partial<Case> = {}): Case => ({ label: '', method: 'POST', path: '/api/silences', headers: same, signedIn: true, body: typeof body === 'string' ? body : JSON.stringify(body), status: [400], code: 'invalid_body', ...extra });
  const ok = { machine: 'mini-vm', service: 'jellyfin', duration: '1h', reason: 'disk swap' };
  return [
    { label: 'the notifications list without a session', path: '/api/notifications', status: [401], code: 'unauthenticated' },
    { label: 'the notifications page without a session asks to sign in, and lists nothing', path: '/notifications', status: [200], text: /needs the admin password/ },
    { label: 'a silence without a session', method: 'POST', path: '/api/silences', headers: same, body: JSON.stringify(ok), status: [401], code: 'unauthenticated' },
    { label: 'a silence from another site, even with a session', method: 'POST', path: '/api/silences', headers: { ...same, origin: 'http://evil.example' }, signedIn: true, body: JSON.stringify(ok), status: [403], code: 'cross_origin' },
    { label: 'a silence with neither Origin nor Sec-Fetch-Site', method: 'POST', path: '/api/silences', headers: { 'content-type': 'application/json' }, signedIn: true, body: JSON.stringify(ok), status: [403], code: 'cross_origin' },
    { ...silence({ ...ok, duration: 'forever' }), label: 'a silence for a duration that is not offered' },
    { ...silence({ ...ok, reason: '   ' }), label: 'a silence without a reason' },
    { ...silence({ ...ok, reason: 'x'.repeat(201) }), label: 'a silence with a reason too long' },
    { ...silence({ ...ok, until: 9e15 }), label: 'a silence with a key of its own (its end is not the client\'s to set)' },
    { ...silence({ ...ok, machine: ['mini-vm'] }), label: 'a silence naming a machine with a list' },
    { ...silence('{"machine":"mini-vm","duration":"1h","reason":"x","__proto__":{"admin":true}}'), label: 'a silence with a __proto__ key' },
    { ...silence({ ...ok, machine: 'evil.example' }, { status: [404], code: 'not_found' }), label: 'a silence on a machine that is not in the config' },
    { ...silence({ ...ok, service: '../../etc/passwd' }, { status: [404], code: 'not_found' }), label: 'a silence on a service that is not in the config' },
    { ...silence({ ...ok, machine: 'ubuntu' }, { status: [404], code: 'not_found' }), label: 'a silence on a machine orb knows but the config does not' },
    { label: 'a silence as a form post', method: 'POST', path: '/api/silences', headers: { ...same, 'content-type': 'application/x-www-form-urlencoded' }, signedIn: true, body: 'machine=mini-vm', status: [415], code: 'unsupported_media_type' },
    { label: 'a silence body over the limit', method: 'POST', path: '/api/silences', headers: same, signedIn: true, body: JSON.stringify({ ...ok, reason: 'y'.repeat(6000) }), status: [413], code: 'body_too_large' },
    { label: 'ending a silence without a session', method: 'POST', path: '/api/silences/0123456789ab/end', headers: same, status: [401], code: 'unauthenticated' },
    { label: 'ending a silence that does not exist', method: 'POST', path: '/api/silences/0123456789ab/end', headers: same, signedIn: true, status: [404], code: 'not_found' },
    { label: 'ending a silence named with shell metacharacters', method: 'POST', path: `/api/silences/${meta}/end`, headers: same, signedIn: true, status: [404], code: 'not_found' },
    { label: 'a test message without a session', method: 'POST', path: '/api/notifications/test', headers: same, body: '{"notifier":"matrix"}', status: [401], code: 'unauthenticated' },
    { label: 'a test message through a notifier that is not configured', method: 'POST', path: '/api/notifications/test', headers: same, signedIn: true, body: '{"notifier":"nobody"}', status: [404], code: 'not_found' },
    { label: 'a test message to a URL instead of a notifier', method: 'POST', path: '/api/notifications/test', headers: same, signedIn: true, body: '{"notifier":"http://evil.example/hook"}', status: [400], code: 'invalid_body' },
    { label: 'a test message with a URL beside the notifier', method: 'POST', path: '/api/notifications/test', headers: same, signedIn: true, body: '{"notifier":"matrix","url":"http://evil.example/"}', status: [400], code: 'invalid_body' },
  ];
}

export function hostileCases(host: string): Case[] {
  return [
    ...sessionCases(host),
    ...alertCases(host),
    ...requestLineCases(host),
    { label: 'a Host that is not allowed (DNS rebinding), page', path: '/', headers: { host: 'rebind.attacker.example' }, status: [421], text: /does not answer to the host name "rebind\.attacker\.example".*allowedHosts/ },
    { label: 'a Host that is not allowed, API', path: '/api/status', headers: { host: `attacker.example:${host.split(':')[1]}` }, status: [421], code: 'host_not_allowed' },
    { label: 'a Host that is not allowed, static file', path: '/favicon.ico', headers: { host: 'attacker.example' }, status: [421] },
    { label: 'a Host with control characters', path: '/', headers: { host: 'a\tb' }, status: [400, 421] },
    { label: 'a forged peer stamp and X-Forwarded-For do not matter', path: '/api/status', headers: { 'x-dashboard-peer': 'x 8.8.8.8', 'x-forwarded-for': '8.8.8.8' }, status: [200] },
    { label: 'a forged refusal stamp does not matter', path: '/api/status', headers: { 'x-dashboard-refusal': 'method TRACE' }, status: [200] },
    { label: 'a cross-site POST', method: 'POST', path: '/api/status', headers: { origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{}', status: [403], code: 'cross_origin' },
    { label: 'a cross-site form POST to a page', method: 'POST', path: '/', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1', status: [403], text: /another site/ },
    { label: 'a POST from a sandboxed frame (Origin: null)', method: 'POST', path: '/api/status', headers: { origin: 'null' }, body: '{}', status: [403], code: 'cross_origin' },
    { label: 'an oversized body', method: 'POST', path: '/api/status', headers: { 'content-type': 'application/json' }, body: big, status: [413], code: 'body_too_large' },
    { label: 'the wrong content type', method: 'POST', path: '/api/status', headers: { origin: `http://${host}`, 'content-type': 'text/xml' }, body: '<x/>', status: [405, 415] },
    // Names a request picks must be own keys of whatever table they index.
    ...['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'].map((r): Case => ({ label: `a range named after Object.prototype: ${r}`, path: `/services/jellyfin?range=${r}`, status: [200], text: /aria-current="page"[^>]*>24 h</ })),
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
}

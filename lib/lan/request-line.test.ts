import { describe, expect, it } from 'vitest';
import { lineRefusal, readRequestLine } from './request-line';

describe('request lines', () => {
  it.each([
    // Served: origin form as it is.
    ['GET', '/api/status', { url: '/api/status' }],
    ['POST', '/docs?q=%ff', { url: '/docs?q=%ff' }],
    ['GET', '/docs/a%2Fb', { url: '/docs/a%2Fb' }],
    // Absolute form: the target's host replaces Host; the path is passed on as sent.
    ['GET', 'http://evil.example/', { url: '/', host: 'evil.example' }],
    ['GET', 'HTTP://127.0.0.1:3000/api/health?x=1', { url: '/api/health?x=1', host: '127.0.0.1:3000' }],
    ['GET', 'https://[::1]:3000', { url: '/', host: '[::1]:3000' }],
    ['GET', 'http://h.example?x', { url: '/?x', host: 'h.example' }],
    ['GET', 'http://h.example/a/../b', { url: '/a/../b', host: 'h.example' }],
    // Refused: the problem says why.
    ['TRACE', '/', { url: '/', problem: 'method' }],
    ['TRACK', '/api/health', { url: '/api/health', problem: 'method' }],
    ['PROPFIND', 'http://evil.example/x', { url: '/x', host: 'evil.example', problem: 'method' }],
    ['OPTIONS', '*', { url: '/', problem: 'target' }],
    ['GET', 'evil.example:443', { url: '/', problem: 'target' }],
    ['GET', 'ftp://h.example/', { url: '/', problem: 'target' }],
    ['GET', 'http://user@evil.example/', { url: '/', problem: 'target' }],
    ['GET', 'http:///x', { url: '/', problem: 'target' }],
    ['GET', 'http://exa mple/', { url: '/', problem: 'target' }],
    ['GET', '', { url: '/', problem: 'target' }],
    // Undecodable paths stay under the same prefix, escaped so that Next.js can route them to the proxy.
    ['GET', '/services/%ff', { url: '/services/%25ff', problem: 'encoding' }],
    ['GET', '/api/rebuild/%ff%fe/log', { url: '/api/rebuild/%25ff%25fe/log', problem: 'encoding' }],
    ['GET', '/docs/%zz?q=%41', { url: '/docs/%25zz?q=%2541', problem: 'encoding' }],
    ['GET', '/docs/a%', { url: '/docs/a%25', problem: 'encoding' }],
    ['TRACE', '/%c0%af', { url: '/%25c0%25af', problem: 'method' }],
  ])('%s %s', (method, target, line) => {
    expect(readRequestLine(method, target)).toEqual(line);
  });

  it('says what was refused, and which methods are served', () => {
    expect(lineRefusal('method', 'TRACE')).toMatchObject({ status: 405, code: 'method_not_allowed', message: expect.stringContaining('TRACE'), headers: { allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' } });
    expect(lineRefusal('target', 'OPTIONS')).toMatchObject({ status: 400, code: 'bad_request' });
    expect(lineRefusal('encoding', 'GET')).toMatchObject({ status: 400, code: 'bad_request', message: expect.stringContaining('percent-encoding') });
  });
});

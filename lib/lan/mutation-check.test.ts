import { describe, expect, it } from 'vitest';
import { checkMutation } from './mutation-check';

const h = (o: Record<string, string>) => new Headers(o);

describe('mutating requests', () => {
  it.each([
    ['GET from anywhere', 'GET', { host: 'localhost:3000', origin: 'http://evil.example' }, null],
    ['a same-origin POST', 'POST', { host: 'localhost:3000', origin: 'http://localhost:3000' }, null],
    ['a same-origin POST on port 80', 'POST', { host: 'mini.local', origin: 'http://mini.local' }, null],
    ['a same-origin POST through an HTTPS proxy', 'POST', { host: 'dash.lan', origin: 'https://dash.lan' }, null],
    ['a POST without Origin (not a browser)', 'POST', { host: 'localhost:3000' }, null],
    ['a cross-site POST', 'POST', { host: 'localhost:3000', origin: 'http://evil.example' }, 'cross_origin'],
    ['a POST from another port', 'DELETE', { host: 'localhost:3000', origin: 'http://localhost:3001' }, 'cross_origin'],
    ['a POST from the same name on another port', 'POST', { host: 'dash.lan', origin: 'https://dash.lan:8443' }, 'cross_origin'],
    ['a POST from an opaque origin', 'POST', { host: 'localhost:3000', origin: 'null' }, 'cross_origin'],
    ['a cross-site fetch without Origin', 'PUT', { host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }, 'cross_origin'],
    ['an oversized body', 'POST', { host: 'localhost:3000', 'content-length': String(5 * 1024 * 1024) }, 'body_too_large'],
    ['a nonsense length', 'POST', { host: 'localhost:3000', 'content-length': 'lots' }, 'body_too_large'],
  ])('%s', (_l, method, headers, code) => {
    const r = checkMutation(method, h(headers));
    if (code === null) expect(r).toBeNull();
    else expect(r).toMatchObject({ code, status: code === 'cross_origin' ? 403 : 413 });
  });
});

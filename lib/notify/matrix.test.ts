import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MATRIX_DEMO, startMatrixSim, type MatrixSim } from '../../demo/lab/matrix-sim.mjs';
import type { SimServer } from '../../demo/lab/sim-server.mjs';
import { requestJson } from './json-http';
import { MatrixClient, txnIdFor, type MatrixOutcome } from './matrix';

let matrix: MatrixSim;
let server: SimServer;
const logs: string[] = [];
const outcomes: unknown[] = [];
const msg = { plain: 'Jellyfin is down: connection refused', html: '<strong>Jellyfin</strong> is down: connection refused' };

function client(over: Partial<{ room: string; token: string; timeoutMs: number; homeserver: string }> = {}) {
  const { timeoutMs = 2000, ...target } = over;
  return new MatrixClient({ homeserver: server.url, room: MATRIX_DEMO.roomId, token: MATRIX_DEMO.token, ...target }, { timeoutMs, log: (l) => logs.push(l) });
}
async function send(c: MatrixClient, key = 'down:1'): Promise<MatrixOutcome> {
  const o = await c.send(msg, key);
  outcomes.push(o);
  return o;
}

beforeAll(async () => {
  ({ matrix, server } = await startMatrixSim());
});
afterAll(async () => {
  await server.stop();
  // Nothing this file produced, logged or returned holds the token.
  expect(JSON.stringify({ logs, outcomes })).not.toContain(MATRIX_DEMO.token);
  expect(logs.length).toBeGreaterThan(5);
});
beforeEach(async () => {
  matrix.reset();
  await server.setCondition('up');
});

describe('sending', () => {
  it('posts an m.notice with plain and HTML bodies, readable back from the room', async () => {
    const o = await send(client());
    expect(o).toMatchObject({ ok: true, roomId: MATRIX_DEMO.roomId, txnId: txnIdFor('down:1') });
    const r = await requestJson(`${server.url}/_matrix/client/v3/rooms/${encodeURIComponent(MATRIX_DEMO.roomId)}/messages?dir=b&limit=5`, {
      method: 'GET',
      headers: { authorization: `Bearer ${MATRIX_DEMO.token}` },
      timeoutMs: 2000,
    });
    const chunk = JSON.parse(r.ok ? r.body : '{}').chunk;
    expect(chunk).toHaveLength(1);
    expect(chunk[0]).toMatchObject({
      type: 'm.room.message',
      sender: MATRIX_DEMO.user,
      event_id: o.ok && o.eventId,
      content: { msgtype: 'm.notice', body: msg.plain, format: 'org.matrix.custom.html', formatted_body: msg.html },
    });
  });

  it('the txnId comes from the event key: stable across attempts, different per event', () => {
    expect(txnIdFor('down:1')).toBe(txnIdFor('down:1'));
    expect(txnIdFor('down:1')).not.toBe(txnIdFor('down:2'));
    expect(txnIdFor('down:1')).toMatch(/^mvd-[0-9a-f]{32}$/);
  });

  it('a retry after a lost answer posts nothing new and gets the same event id', async () => {
    matrix.setMode({ mode: 'drop-answer', times: 1 });
    const c = client();
    const first = await send(c);
    expect(first).toMatchObject({ ok: false, code: 'unreachable', retryable: true });
    const second = await send(c);
    const posted = matrix.received().messages;
    expect(posted).toHaveLength(1);
    expect(second).toMatchObject({ ok: true, eventId: posted[0].eventId });
    expect(matrix.received().attempts.filter((a) => a.kind === 'send').map((a) => a.status)).toEqual(['dropped', 200]);
  });

  it('a garbage answer is retryable, and the retry does not post twice', async () => {
    matrix.setMode({ mode: 'garbage', times: 1 });
    const c = client();
    expect(await send(c, 'recovered:1')).toMatchObject({ ok: false, code: 'garbage', retryable: true, status: 200 });
    expect(await send(c, 'recovered:1')).toMatchObject({ ok: true });
    expect(matrix.received().messages).toHaveLength(1);
  });

  it('two events are two messages', async () => {
    const c = client();
    await send(c, 'down:1');
    await send(c, 'recovered:1');
    expect(matrix.received().messages.map((m) => m.txnId)).toEqual([txnIdFor('down:1'), txnIdFor('recovered:1')]);
  });
});

describe('room aliases', () => {
  it('an alias is resolved once through the directory and cached', async () => {
    const c = client({ room: MATRIX_DEMO.alias });
    expect(await send(c, 'a')).toMatchObject({ ok: true, roomId: MATRIX_DEMO.roomId });
    expect(await send(c, 'b')).toMatchObject({ ok: true });
    expect(matrix.received().attempts.filter((a) => a.kind === 'alias')).toHaveLength(1);
    expect(matrix.received().messages).toHaveLength(2);
  });

  it('an unknown alias is M_NOT_FOUND, final, and looked up again next time', async () => {
    const c = client({ room: '#nope:mini-vm' });
    const o = await send(c);
    expect(o).toMatchObject({ ok: false, code: 'M_NOT_FOUND', retryable: false });
    expect(!o.ok && o.message).toMatch(/#nope:mini-vm does not exist/);
    await send(c);
    expect(matrix.received().attempts.filter((a) => a.kind === 'alias')).toHaveLength(2);
  });

  it('a room that is neither an id nor an alias is refused without a request', async () => {
    expect(await send(client({ room: 'lab' }))).toMatchObject({ ok: false, code: 'M_NOT_FOUND', retryable: false });
    expect(matrix.received().attempts).toHaveLength(0);
  });
});

describe('failures, in words and as codes', () => {
  it('M_FORBIDDEN: the bot is not in the room; not retried', async () => {
    matrix.setMode({ mode: 'forbidden' });
    const o = await send(client());
    expect(o).toMatchObject({ ok: false, code: 'M_FORBIDDEN', retryable: false, status: 403 });
    expect(!o.ok && o.message).toMatch(/may not post in !alertsRoom0demo:mini-vm.*invite/);
  });

  it('M_UNKNOWN_TOKEN: a wrong or revoked token; not retried', async () => {
    const o = await send(client({ token: 'syt_wrong_token_0000' }));
    expect(o).toMatchObject({ ok: false, code: 'M_UNKNOWN_TOKEN', retryable: false, status: 401 });
    expect(!o.ok && o.message).toMatch(/wrong or was revoked/);
    matrix.setMode({ mode: 'unknown-token' });
    expect(await send(client())).toMatchObject({ code: 'M_UNKNOWN_TOKEN' });
  });

  it('M_LIMIT_EXCEEDED: retryable after what the server asks', async () => {
    matrix.setMode({ mode: 'rate-limit', retryAfterMs: 2500, times: 1 });
    const c = client();
    const o = await send(c);
    expect(o).toMatchObject({ ok: false, code: 'M_LIMIT_EXCEEDED', retryable: true, retryAfterMs: 2500, status: 429 });
    expect(!o.ok && o.message).toMatch(/rate-limiting.*in 3 s/);
    expect(await send(c)).toMatchObject({ ok: true });
  });

  it('a homeserver that accepts but never answers: a timeout, retryable', async () => {
    matrix.setMode({ mode: 'hang' });
    const o = await send(client({ timeoutMs: 300 }));
    expect(o).toMatchObject({ ok: false, code: 'timeout', retryable: true });
    expect(!o.ok && o.message).toMatch(/no answer within 300 ms/);
  });

  it('a homeserver that is down: refused, retryable', async () => {
    await server.setCondition('refuse');
    const o = await send(client());
    expect(o).toMatchObject({ ok: false, code: 'refused', retryable: true });
    expect(!o.ok && o.message).toMatch(/refused the connection/);
  });

  it('an address outside loopback is not contacted at all under DASHBOARD_LOOPBACK_ONLY', async () => {
    expect(process.env.DASHBOARD_LOOPBACK_ONLY).toBe('1');
    const o = await send(client({ homeserver: 'http://192.0.2.7:8008' }));
    expect(o).toMatchObject({ ok: false, code: 'blocked', retryable: false });
  });
});

describe('a hostile homeserver', () => {
  let hostile: http.Server;
  let url = '';
  beforeAll(async () => {
    hostile = http.createServer((req, res) => {
      const auth = String(req.headers.authorization);
      if (req.url?.includes('redirect')) return res.writeHead(307, { location: 'http://127.0.0.2:1/elsewhere' }).end();
      res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 'M_FORBIDDEN', error: `no, ${auth} is not welcome` }));
    });
    await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => hostile.close(() => r())));

  it('echoing the token back in an error does not put it in our message', async () => {
    const o = await send(client({ homeserver: url }));
    expect(o).toMatchObject({ ok: false, code: 'M_FORBIDDEN' });
    expect(!o.ok && o.message).toContain('Bearer [token]');
  });

  it('a redirect is not followed', async () => {
    const o = await send(client({ homeserver: `${url}/redirect` }));
    expect(o).toMatchObject({ ok: false, code: 'redirect', retryable: false, status: 307 });
  });

  it('the client itself serialises without its token', () => {
    const c = client();
    expect(JSON.stringify(c)).not.toContain(MATRIX_DEMO.token);
    expect(c.describe()).not.toContain(MATRIX_DEMO.token);
    expect(Object.values(c).join(' ')).not.toContain(MATRIX_DEMO.token);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../demo/lab/index.mjs';
import { requestJson } from './json-http';
import { MatrixClient } from './matrix';

let lab: Lab;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-alerts-'));
const control = async (p: string, body?: unknown) => {
  const r = await fetch(lab.controlUrl + p, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
};
const bot = () => new MatrixClient({ homeserver: lab.alerts.homeserver, room: lab.alerts.alias, token: lab.alerts.token }, { timeoutMs: 2000 });
const note = { plain: 'hello', html: '<em>hello</em>' };
const health = () => requestJson(`${lab.sims.synapse.url}/health`, { method: 'GET', timeoutMs: 2000 });

beforeAll(async () => {
  lab = await startLab({ stateDir: dir, timeoutMs: 600, pollIntervalMs: 60_000 });
});
afterAll(async () => {
  await lab.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await control('/reset', {});
});

describe('the Matrix simulator inside the lab Synapse', () => {
  it('serves the client API on the Synapse port; what was posted is listed on the control API', async () => {
    expect(lab.alerts.homeserver).toBe(lab.sims.synapse.url);
    expect(await bot().send(note, 'k1')).toMatchObject({ ok: true, roomId: lab.alerts.roomId });
    const m = await control('/matrix');
    expect(m.body).toMatchObject({ mode: 'ok', alias: '#lab:mini-vm', serverCondition: 'up' });
    expect(m.body.messages).toHaveLength(1);
    expect(m.body.messages[0].content).toEqual({ msgtype: 'm.notice', body: 'hello', format: 'org.matrix.custom.html', formatted_body: '<em>hello</em>' });
    expect(JSON.stringify(m.body)).not.toContain(lab.alerts.token);
  });

  it('a Synapse that is down refuses both the health probe and the alerts, whichever switch is used', async () => {
    expect(await control('/matrix', { mode: 'refuse' })).toEqual({ status: 200, body: { ok: true } });
    expect(await health()).toMatchObject({ ok: false, error: 'refused' });
    expect(await bot().send(note, 'k2')).toMatchObject({ ok: false, code: 'refused' });
    await control('/matrix', { mode: 'ok' });
    expect(await health()).toMatchObject({ ok: true, status: 200 });
    await control('/service', { id: 'synapse', condition: 'refuse' });
    expect(await bot().send(note, 'k2')).toMatchObject({ ok: false, code: 'refused' });
    await control('/reset', {});
    expect(await bot().send(note, 'k2')).toMatchObject({ ok: true });
  });

  it('modes with a count, and bad requests', async () => {
    await control('/matrix', { mode: 'rate-limit', times: 2, retryAfterMs: 100 });
    expect(await bot().send(note, 'k3')).toMatchObject({ code: 'M_LIMIT_EXCEEDED', retryAfterMs: 100 });
    expect(await bot().send(note, 'k3')).toMatchObject({ code: 'M_LIMIT_EXCEEDED' });
    expect(await bot().send(note, 'k3')).toMatchObject({ ok: true });
    expect((await control('/matrix', { mode: 'sideways' })).status).toBe(400);
    expect((await control('/matrix', { mode: 'hang', times: -1 })).status).toBe(400);
  });
});

describe('the ntfy-like sink', () => {
  const post = (p: string, body: string, headers: Record<string, string>) => fetch(lab.alerts.sinkUrl + p, { method: 'POST', body, headers });

  it('records ntfy publishes and JSON webhooks, never an Authorization value', async () => {
    const r = await post('/mini-vm-alerts', 'Jellyfin is down', { title: 'Jellyfin is down', priority: '4', tags: 'rotating_light,jellyfin', authorization: 'Bearer sekrit' });
    expect(await r.json()).toMatchObject({ event: 'message', topic: 'mini-vm-alerts', message: 'Jellyfin is down' });
    await post('/hook', JSON.stringify({ type: 'down', title: 'x' }), { 'content-type': 'application/json' });
    await post('/', JSON.stringify({ topic: 't', message: 'm', title: 'T' }), { 'content-type': 'application/json' });
    const got = (await control('/sink')).body;
    expect(got.received).toMatchObject([
      { kind: 'ntfy', topic: 'mini-vm-alerts', title: 'Jellyfin is down', priority: 4, tags: ['rotating_light', 'jellyfin'], message: 'Jellyfin is down', authorized: true },
      { kind: 'json', path: '/hook', json: { type: 'down', title: 'x' }, authorized: false },
      { kind: 'ntfy', topic: 't', message: 'm', title: 'T' },
    ]);
    expect(JSON.stringify(got)).not.toContain('sekrit');
  });

  it('can fail, refuse, and be reset', async () => {
    await control('/sink', { mode: 'error', times: 1 });
    expect((await post('/t', 'a', {})).status).toBe(500);
    expect((await post('/t', 'b', {})).status).toBe(200);
    await control('/sink', { mode: 'refuse' });
    expect(await requestJson(`${lab.alerts.sinkUrl}/t`, { method: 'POST', body: {}, timeoutMs: 1000 })).toMatchObject({ ok: false, error: 'refused' });
    await control('/alerts/reset', {});
    expect((await control('/sink')).body).toMatchObject({ mode: 'ok', serverCondition: 'up', received: [] });
  });

  it('the lab control routes it joined still work', async () => {
    expect((await control('/state')).body.services.synapse).toBe('up');
    expect((await control('/nowhere', {})).status).toBe(404);
  });
});

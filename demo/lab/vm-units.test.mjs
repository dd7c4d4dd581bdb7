import { describe, expect, it } from 'vitest';
import { failedUnitsArgv, parseFailedUnits, parseUnitList } from '../../lib/units/failed.ts';
import { parseUnitShow, unitShowArgv } from '../../lib/units/show.ts';
import { listeningSocketsArgv, parseListeningSockets, portExposure } from '../../lib/units/sockets.ts';
import { answers, orb, post, until, useLab } from './vm-test-helpers.mjs';

// The simulated VM's systemctl and ss, run as processes through the fake orb, read by the parsers.
const units = async (...names) => parseUnitShow((await orb(lab, unitShowArgv(names))).stdout);
const jellyfin = async () => (await units('jellyfin.service')).get('jellyfin.service');

const lab = useLab('vm-units', { resetEach: true });

describe('simulated systemctl', () => {
  it('shows every unit asked in one call, a missing one as not-found', async () => {
    const r = await orb(lab, unitShowArgv(['jellyfin.service', 'matrix-synapse.service', 'nope.service']));
    expect(r.code).toBe(0);
    const u = parseUnitShow(r.stdout);
    expect(u.get('jellyfin.service')).toMatchObject({ loadState: 'loaded', activeState: 'active', subState: 'running', result: 'success', restarts: 0, unitFileState: 'enabled' });
    expect(u.get('jellyfin.service').mainPid).toBeGreaterThan(1);
    expect(u.get('jellyfin.service').memoryBytes).toBeGreaterThan(0);
    expect(Date.parse(u.get('jellyfin.service').since)).toBeLessThan(Date.now());
    expect(u.get('nope.service')).toMatchObject({ loadState: 'not-found', activeState: 'inactive', memoryBytes: null });
    const pretty = parseUnitShow((await orb(lab, unitShowArgv(['jellyfin.service'], { unixTimestamps: false }))).stdout);
    expect(pretty.get('jellyfin.service').since).toBe(u.get('jellyfin.service').since);
  });

  it('a failed unit: failed list, exit-code, restarts climbing, its simulator closed; a restart as root brings it back', async () => {
    expect(parseFailedUnits((await orb(lab, failedUnitsArgv())).stdout)).toEqual([]);
    expect((await post(lab, '/vm/unit', { unit: 'jellyfin.service', action: 'fail' })).status).toBe(200);
    expect(await answers(lab.sims.jellyfin)).toBe(false);
    expect(parseFailedUnits((await orb(lab, failedUnitsArgv())).stdout)).toEqual(['jellyfin.service']);
    expect(await jellyfin()).toMatchObject({ activeState: 'failed', result: 'exit-code', execMainStatus: 1, execMainCode: 1, mainPid: null });
    const climbed = await until(async () => ((await jellyfin()).restarts >= 2 ? jellyfin() : null), { what: 'NRestarts to climb' });
    expect(climbed.activeState).toBe('failed');

    const denied = await orb(lab, ['systemctl', 'restart', '--', 'jellyfin.service']);
    expect(denied.code).toBe(4);
    const ok = await orb(lab, ['systemctl', 'restart', '--', 'jellyfin.service'], { user: 'root' });
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(await jellyfin()).toMatchObject({ activeState: 'active', restarts: 0 });
    await until(() => answers(lab.sims.jellyfin), { what: 'Jellyfin to answer again' });
  });

  it('a persistent failure: start fails with exit 1 and systemd\'s words; an unknown unit is exit 5', async () => {
    await post(lab, '/vm/unit', { unit: 'matrix-synapse.service', action: 'fail', persistent: true });
    const r = await orb(lab, ['systemctl', 'start', '--', 'matrix-synapse.service'], { user: 'root' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Job for matrix-synapse.service failed because the control process exited with error code\.\nSee "systemctl status matrix-synapse.service" and "journalctl -xeu matrix-synapse.service" for details\./);
    const missing = await orb(lab, ['systemctl', 'restart', '--', 'x.service'], { user: 'root' });
    expect(missing).toMatchObject({ code: 5, stderr: 'Failed to restart x.service: Unit x.service not found.\n' });
  });

  it('stop, is-active and start', async () => {
    expect((await orb(lab, ['systemctl', 'stop', '--', 'mautrix-telegram.service'], { user: 'root' })).code).toBe(0);
    await until(async () => !(await answers(lab.sims.telegram)), { what: 'the bridge to close' });
    const inactive = await orb(lab, ['systemctl', 'is-active', 'mautrix-telegram.service']);
    expect(inactive).toMatchObject({ code: 3, stdout: 'inactive\n' });
    expect((await orb(lab, ['systemctl', 'start', 'mautrix-telegram'], { user: 'root' })).code).toBe(0);
    expect((await orb(lab, ['systemctl', 'is-active', 'mautrix-telegram.service', 'nope.service'])).code).toBe(0);
    await until(() => answers(lab.sims.telegram), { what: 'the bridge to answer' });
  });

  it('a version that prints the table for --output=json is read all the same, and the plain table too', async () => {
    await post(lab, '/vm/unit', { unit: 'caddy.service', action: 'fail' });
    await post(lab, '/vm/systemctl', { jsonOutput: false });
    const table = await orb(lab, failedUnitsArgv());
    expect(table.stdout).toMatch(/^● caddy\.service/m);
    expect(parseFailedUnits(table.stdout)).toEqual(['caddy.service']);
    expect(parseUnitList((await orb(lab, failedUnitsArgv({ json: false }))).stdout)).toEqual([{ unit: 'caddy.service', load: 'loaded', active: 'failed', sub: 'failed', description: 'Caddy' }]);
  });

  it('refuses unknown verbs and options as systemctl does', async () => {
    expect(await orb(lab, ['systemctl', 'frobnicate'])).toMatchObject({ code: 1, stderr: "Unknown command verb 'frobnicate'.\n" });
    expect((await orb(lab, ['systemctl', '--bogus', 'show'])).code).toBe(1);
  });
});

describe('simulated ss', () => {
  it('lists the services on 0.0.0.0, and on 127.0.0.1 when the lab binds one there', async () => {
    const port = lab.sims.jellyfin.port;
    const before = parseListeningSockets((await orb(lab, listeningSocketsArgv())).stdout);
    expect(portExposure(before, port)).toEqual({ kind: 'all', listeners: [`0.0.0.0:${port}`] });
    expect(portExposure(before, 22).kind).toBe('all');
    expect((await post(lab, '/vm/bind', { unit: 'jellyfin.service', address: '127.0.0.1' })).status).toBe(200);
    expect(await answers(lab.sims.jellyfin)).toBe(false);
    expect((await jellyfin()).activeState).toBe('active');
    const after = parseListeningSockets((await orb(lab, listeningSocketsArgv())).stdout);
    expect(portExposure(after, port)).toEqual({ kind: 'loopback', listeners: [`127.0.0.1:${port}`] });
    await post(lab, '/vm/bind', { unit: 'jellyfin.service', address: '0.0.0.0' });
    expect(await answers(lab.sims.jellyfin)).toBe(true);
  });
});

describe('the VM control routes', () => {
  it.each([
    ['/vm/unit', { unit: 'jellyfin.service; reboot', action: 'fail' }, 400],
    ['/vm/unit', { unit: 'nope.service', action: 'fail' }, 404],
    ['/vm/unit', { unit: 'jellyfin.service', action: 'explode' }, 400],
    ['/vm/bind', { unit: 'jellyfin.service', address: '10.0.0.1' }, 400],
    ['/vm/journal', { unit: 'jellyfin.service' }, 400],
    ['/vm/journal', { unit: 'jellyfin.service', message: 'x', priority: 9 }, 400],
    ['/vm/mount', { mount: '/nope', percent: 50 }, 404],
    ['/vm/mount', { mount: '/', percent: 150 }, 400],
    ['/vm/memory', { availablePercent: 'lots' }, 400],
    ['/host/volume', { state: 'gone' }, 400],
  ])('%s %j is %i', async (p, body, status) => {
    expect((await post(lab, p, body)).status).toBe(status);
  });
});

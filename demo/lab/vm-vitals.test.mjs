import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { diskLabel } from '../../lib/vitals/disks.ts';
import { forecastDisk } from '../../lib/vitals/forecast.ts';
import { hostDfArgv, readHostVolume } from '../../lib/vitals/host-volume.ts';
import { parseVitalsOutput, vitalsArgv } from '../../lib/vitals/vm-read.ts';
import { orb, post, until, useLab } from './vm-test-helpers.mjs';
import { vitalsHistory } from './vm-vitals.mjs';

// The simulated VM's vitals read (its sh, cat, nproc, df) and the Mac's df, read by the parsers.
const MOUNTS = ['/', '/nix', '/boot'];
const read = async (mounts = MOUNTS) => {
  const r = await orb(lab, vitalsArgv(mounts));
  return { ...parseVitalsOutput(r.stdout, mounts), code: r.code, signal: r.signal };
};
const hostDf = (volume) =>
  new Promise((resolve) => execFile(lab.hostDf, hostDfArgv(volume), (e, stdout, stderr) => resolve({ code: e ? e.code : 0, stdout, stderr })));

const lab = useLab('vm-vitals', { resetEach: true });

describe('simulated VM vitals', () => {
  it('one read gives uptime, load, CPUs, memory, swap and the disks, / and /nix as one', async () => {
    const r = await read();
    expect(r).toMatchObject({ code: 0, complete: true, problems: [], missingMounts: [] });
    const v = r.vitals;
    expect(v.uptimeSeconds).toBeGreaterThan(86_400);
    expect(v.load).toHaveLength(3);
    expect(v.cpus).toBe(4);
    expect(v.memory.availableBytes / v.memory.totalBytes).toBeCloseTo(0.62, 2);
    expect(v.swap.freeBytes).toBeLessThanOrEqual(v.swap.totalBytes);
    expect(v.disks.map(diskLabel)).toEqual(['/ (with /nix)', '/boot']);
    expect(v.disks[1]).toMatchObject({ fstype: 'vfat', inodesUsedPercent: null });
  });

  it('fill a mount to 95 %, make it grow, take /boot away, make df fail on it', async () => {
    await post(lab, '/vm/mount', { mount: '/', percent: 95 });
    expect((await read()).vitals.disks[0].usedPercent).toBeCloseTo(95, 1);
    await post(lab, '/vm/mount', { mount: '/boot', bytesPerDay: 50 * 1024 ** 3 });
    const first = (await read()).vitals.disks[1].usedBytes;
    await until(async () => (await read()).vitals.disks[1].usedBytes > first, { what: '/boot to grow' });
    await post(lab, '/vm/mount', { mount: '/boot', present: false });
    const gone = await read();
    expect(gone).toMatchObject({ complete: true, missingMounts: ['/boot'], problems: [] });
    await post(lab, '/vm/mount', { mount: '/boot', present: true, error: 'Input/output error' });
    const failing = await read();
    expect(failing.vitals.disks.map(diskLabel)).toEqual(['/ (with /nix)']);
    expect(failing.problems).toEqual(['/boot: df: /boot: Input/output error']);
  });

  it('memory running low', async () => {
    await post(lab, '/vm/memory', { availablePercent: 7 });
    const v = (await read()).vitals;
    expect(v.memory.availableBytes / v.memory.totalBytes).toBeCloseTo(0.07, 2);
  });

  it('a machine that stops mid-read leaves what it printed', async () => {
    await post(lab, '/vm/vitals', { condition: 'cut' });
    const r = await read();
    expect(r.code).not.toBe(0);
    expect(r.complete).toBe(false);
    expect(r.vitals.uptimeSeconds).toBeGreaterThan(0);
    expect(r.vitals.disks).toEqual([]);
  });

  it('the simulated VM has no other files', async () => {
    const r = await orb(lab, ['sh', '-c', 'cat /etc/shadow', 'sh']);
    expect(r).toMatchObject({ code: 1, stderr: 'cat: /etc/shadow: No such file or directory\n' });
  });
});

describe('the Mac mini\'s volume (fake host df)', () => {
  it('mounted, then missing, then a stray folder on the system disk', async () => {
    expect(readHostVolume('/Volumes/Storage', await hostDf('/Volumes/Storage'))).toMatchObject({ mounted: true, sizeBytes: 1953309696 * 1024 });
    await post(lab, '/host/volume', { state: 'missing' });
    expect(readHostVolume('/Volumes/Storage', await hostDf('/Volumes/Storage'))).toMatchObject({ mounted: false, reason: expect.stringMatching(/does not exist/) });
    await post(lab, '/host/volume', { state: 'system' });
    expect(readHostVolume('/Volumes/Storage', await hostDf('/Volumes/Storage'))).toMatchObject({ mounted: false, reason: expect.stringMatching(/System\/Volumes\/Data/) });
  });
});

describe('seeded vitals history', () => {
  it('a week of samples in which / grows after a cleanup, so a forecast shows', () => {
    const now = Date.UTC(2026, 11, 3, 12);
    const h = vitalsHistory({ now });
    expect(h.length).toBe(7 * 288 + 1);
    expect(h[0].at < h.at(-1).at).toBe(true);
    expect(h.some((s) => s.uptimeSeconds < h[0].uptimeSeconds)).toBe(true); // a reboot inside the week
    const root = h.map((s) => ({ t: Date.parse(s.at), usedBytes: s.disks[0].usedBytes, sizeBytes: s.disks[0].sizeBytes, availBytes: s.disks[0].availBytes }));
    const f = forecastDisk(root);
    expect(f.bytesPerDay / 1024 ** 3).toBeCloseTo(0.8, 1);
  });
});

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseVitalsOutput, VITALS_SCRIPT, vitalsArgv } from './vm-read';

const mounts = ['/', '/tmp', '/nonexistent'];
// The constant script run by this machine's own /bin/sh, cat, nproc and GNU df.
const real = () => {
  const argv = vitalsArgv(mounts);
  return spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' }).stdout;
};

describe('the VM vitals read', () => {
  it('is one process with the mounts as positional arguments, never in the script', () => {
    const argv = vitalsArgv(['/', "/x'; reboot; '", '/$(reboot)']);
    expect(argv.slice(0, 2)).toEqual(['sh', '-c']);
    expect(argv[2]).toBe(VITALS_SCRIPT);
    expect(argv.slice(3)).toEqual(['sh', '/', "/x'; reboot; '", '/$(reboot)']);
  });

  it('refuses a mount path that is not absolute or holds a newline', () => {
    expect(() => vitalsArgv(['nix'])).toThrow(/absolute/);
    expect(() => vitalsArgv(['/x\n@@minivm:end'])).toThrow(/control characters/);
    expect(() => vitalsArgv([`/${'a'.repeat(5000)}`])).toThrow(/4096/);
  });

  it('reads this machine (real Linux): everything, the missing mount left out', () => {
    const r = parseVitalsOutput(real(), mounts, new Date('2026-12-03T12:00:00Z'));
    expect(r.complete).toBe(true);
    expect(r.missingMounts).toEqual(['/nonexistent']);
    expect(r.problems).toEqual([]);
    const v = r.vitals!;
    expect(v.at).toBe('2026-12-03T12:00:00.000Z');
    expect(v.uptimeSeconds).toBeGreaterThan(0);
    expect(v.load).toHaveLength(3);
    expect(v.cpus).toBeGreaterThanOrEqual(1);
    expect(v.memory!.availableBytes).toBeLessThanOrEqual(v.memory!.totalBytes);
    expect(v.swap).not.toBeNull();
    expect(v.disks.flatMap((d) => d.mounts).sort()).toEqual(['/', '/tmp']);
  });

  it('a path with a quote or $() is read as a path, not run', () => {
    const r = spawnSync('sh', vitalsArgv(["/tmp/'; echo INJECTED; '", '/$(echo INJECTED)']).slice(1), { encoding: 'utf8' });
    expect(r.stdout).not.toMatch(/^INJECTED$/m);
    expect(parseVitalsOutput(r.stdout, ["/tmp/'; echo INJECTED; '", '/$(echo INJECTED)']).missingMounts).toHaveLength(2);
  });

  it('reads what it can of an output cut at any point, and never throws', () => {
    const out = real();
    for (let i = 0; i < out.length; i += 37) {
      const r = parseVitalsOutput(out.slice(0, i), mounts);
      expect(r.complete).toBe(false);
      expect(r.problems[0]).toMatch(/stopped before the end/);
    }
    const cut = out.slice(0, out.indexOf('MemAvailable:') + 16);
    const r = parseVitalsOutput(cut, mounts);
    expect(r.vitals).toMatchObject({ memory: null, swap: null, cpus: null, disks: [] });
    expect(r.vitals!.uptimeSeconds).toBeGreaterThan(0);
    expect(r.problems).toContain('/: not read (the read stopped early)');
  });

  it('a df that fails on one mount keeps the others', () => {
    const out = `@@minivm:uptime\n10.5 20\n@@minivm:rc 0\n@@minivm:df 1\nFilesystem Type 1B-blocks Used Avail Inodes IUsed IUse% Mounted on\n/dev/vda ext4 1000 400 500 10 1 10% /\n@@minivm:rc 0\n@@minivm:df 2\ndf: /mnt/media: Transport endpoint is not connected\n@@minivm:rc 1\n@@minivm:df 3\ndf: /boot: No such file or directory\n@@minivm:rc 1\n@@minivm:end\n`;
    const r = parseVitalsOutput(out, ['/', '/mnt/media', '/boot']);
    expect(r.vitals!.disks.map((d) => d.mount)).toEqual(['/']);
    expect(r.vitals!.disks[0].usedPercent).toBeCloseTo(44.444, 3);
    expect(r.missingMounts).toEqual(['/boot']);
    expect(r.problems).toContain('/mnt/media: df: /mnt/media: Transport endpoint is not connected');
    expect(r.problems).toContain('load: not read');
  });

  it('gives no vitals for output that is not ours', () => {
    for (const text of ['', 'garbage\n', 'machine not running\n']) expect(parseVitalsOutput(text, ['/']).vitals).toBeNull();
  });
});

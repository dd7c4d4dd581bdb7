import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostDfArgv, parseDfPosix, readHostVolume } from './host-volume';

const HEAD = 'Filesystem     1024-blocks      Used  Available Capacity  Mounted on\n';
const ok = (stdout: string) => ({ code: 0, stdout, stderr: '' });

describe('df -P -k (macOS and Linux)', () => {
  it('reads the sample in reference/vitals.md', () => {
    expect(parseDfPosix(`${HEAD}/dev/disk4s1    1953309696 812345678 1140963018      42%  /Volumes/Storage\n`)).toEqual([
      { source: '/dev/disk4s1', sizeBytes: 1953309696 * 1024, usedBytes: 812345678 * 1024, availBytes: 1140963018 * 1024, capacityPercent: 42, mountedOn: '/Volumes/Storage' },
    ]);
  });

  it('keeps spaces in the first and last columns', () => {
    const rows = parseDfPosix(`${HEAD}map auto_home           0         0          0   100%  /System/Volumes/Data/home\n//ivan@nas._smb._tcp.local/My Share  976762584 488381292  488381292    50%  /Volumes/My Disk\n`);
    expect(rows.map((r) => [r.source, r.mountedOn])).toEqual([['map auto_home', '/System/Volumes/Data/home'], ['//ivan@nas._smb._tcp.local/My Share', '/Volumes/My Disk']]);
  });

  it('a mounted volume, and a folder below it', () => {
    const out = ok(`${HEAD}/dev/disk4s1    1953309696 812345678 1140963018      42%  /Volumes/Storage\n`);
    expect(readHostVolume('/Volumes/Storage', out)).toEqual({ path: '/Volumes/Storage', mounted: true, sizeBytes: 1953309696 * 1024, usedBytes: 812345678 * 1024, availBytes: 1140963018 * 1024 });
    expect(readHostVolume('/Volumes/Storage/Data/OrbStack', out).mounted).toBe(true);
    expect(readHostVolume('/Volumes/Storage/', out).mounted).toBe(true);
  });

  it('a stray folder on the system disk is not mounted', () => {
    for (const on of ['/System/Volumes/Data', '/']) {
      const v = readHostVolume('/Volumes/Storage', ok(`${HEAD}/dev/disk3s5     971350180 512345678  421234567    55%    ${on}\n`));
      expect(v.mounted).toBe(false);
      expect(v.reason).toMatch(/system disk/);
    }
    expect(readHostVolume('/', ok(`${HEAD}/dev/vda 100 50 50 50% /\n`)).mounted).toBe(true);
  });

  it('a missing path is not mounted; other failures say what df said', () => {
    expect(readHostVolume('/Volumes/Storage', { code: 1, stdout: '', stderr: 'df: /Volumes/Storage: No such file or directory\n' })).toMatchObject({ mounted: false, reason: '/Volumes/Storage does not exist: the volume is not mounted', sizeBytes: null });
    expect(readHostVolume('/x', { code: 1, stdout: 'garbage', stderr: 'df: /x: Permission denied' }).reason).toBe('df: /x: Permission denied');
    expect(readHostVolume('/x', { code: null, stdout: '', stderr: '', spawnError: 'ENOENT' }).reason).toMatch(/ENOENT/);
    expect(readHostVolume('/x', { code: null, stdout: '', stderr: '' }).reason).toMatch(/signal/);
  });

  it('runs against this machine\'s df', () => {
    const df = (path: string) => {
      const r = spawnSync('df', hostDfArgv(path), { encoding: 'utf8' });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const r = df('/tmp');
    const v = readHostVolume('/', df('/'));
    expect(v).toMatchObject({ path: '/', mounted: true });
    expect(v.sizeBytes).toBeGreaterThan(0);
    expect(parseDfPosix(r.stdout)).toHaveLength(1);
    expect(readHostVolume('/nonexistent', df('/nonexistent')).mounted).toBe(false);
  });
});

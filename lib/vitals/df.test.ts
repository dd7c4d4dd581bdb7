import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dfArgv, dfMissingPaths, parseDfGnu } from './df';
import { diskLabel, disksFromDf } from './disks';

// From reference/vitals.md: the same filesystem asked twice.
const sample = `Filesystem     Type    1B-blocks        Used       Avail   Inodes  IUsed IUse% Mounted on
/dev/vda       ext4 270553174016 26875232256 82069061632 16777216 477701    3% /
/dev/vda       ext4 270553174016 26875232256 82069061632 16777216 477701    3% /
`;

describe('GNU df', () => {
  it('asks for the columns in bytes, paths after --', () => {
    expect(() => dfArgv(['-h'])).toThrow(/absolute/);
    expect(dfArgv(['/', '/nix'])).toEqual(['df', '-B1', '--output=source,fstype,size,used,avail,itotal,iused,ipcent,target', '--', '/', '/nix']);
  });

  it('runs on this machine: rows for the paths that exist, the missing one on stderr', () => {
    const argv = dfArgv(['/', '/tmp', '/nonexistent']);
    const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const a = parseDfGnu(r.stdout, r.stderr, ['/', '/tmp', '/nonexistent']);
    expect(a.missing).toEqual(['/nonexistent']);
    expect(a.errors).toEqual([]);
    expect(a.rows.map((x) => x.path)).toEqual(['/', '/tmp']);
    expect(a.rows[0].row.target).toBe('/');
    expect(a.rows[0].row.sizeBytes).toBeGreaterThan(a.rows[0].row.usedBytes);
    const disks = disksFromDf([a]);
    expect(disks.length).toBeGreaterThanOrEqual(1);
    expect(disks.flatMap((d) => d.mounts).sort()).toEqual(['/', '/tmp']);
  });

  it('one disk for two paths on the same filesystem: "/ (with /nix)"', () => {
    const a = parseDfGnu(sample, '', ['/', '/nix']);
    const [disk, ...rest] = disksFromDf([a]);
    expect(rest).toEqual([]);
    expect(disk).toEqual({ mount: '/', mounts: ['/', '/nix'], source: '/dev/vda', fstype: 'ext4', sizeBytes: 270553174016, usedBytes: 26875232256, availBytes: 82069061632, usedPercent: 24.668, inodesUsedPercent: 3 });
    expect(diskLabel(disk)).toBe('/ (with /nix)');
    expect(diskLabel({ mount: '/', mounts: ['/var/lib'] })).toBe('/var/lib (on /)');
    expect(diskLabel({ mount: '/boot', mounts: ['/boot'] })).toBe('/boot');
  });

  it('reads "-" inode columns, a mount point with spaces and numbers beyond 2^53 exactly', () => {
    const text = `Filesystem Type 1B-blocks Used Avail Inodes IUsed IUse% Mounted on
/dev/vda1 vfat 535805952 71303168 464502784 - - - /boot
tank/media zfs 36028797018963968 18014398509481985 18014398509481983 0 0 - /mnt/my media
`;
    const { rows } = parseDfGnu(text, '', ['/boot', '/mnt/my media']);
    expect(rows[0].row).toMatchObject({ inodesTotal: null, inodesUsed: null, inodesUsedPercent: null, target: '/boot' });
    expect(rows[1].row.usedBytes).toBe(18014398509481985n);
    expect(rows[1].row.target).toBe('/mnt/my media');
    const big = disksFromDf([parseDfGnu(text, '', ['/boot', '/mnt/my media'])])[1];
    expect(big.usedPercent).toBe(50);
  });

  it('keeps rows without a path when they do not line up with the paths asked', () => {
    const a = parseDfGnu(sample, 'df: /x: Input/output error\n', ['/', '/x', '/nix']);
    expect(a.rows.map((r) => r.path)).toEqual([null, null]);
    expect(a.errors).toEqual(['df: /x: Input/output error']);
  });

  it('reads quoted missing paths', () => {
    expect(dfMissingPaths("df: '/mnt/it'\\''s': No such file or directory\ndf: /boot: No such file or directory\n")).toEqual(["/mnt/it's", '/boot']);
  });

  it('survives garbage and truncation', () => {
    expect(parseDfGnu('', '', ['/']).rows).toEqual([]);
    expect(parseDfGnu(sample.slice(0, 172), '', ['/', '/nix']).rows).toHaveLength(1);
    expect(parseDfGnu('x\ny z\n/dev/vda ext4 1 2\n', '', ['/']).rows).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatBytes, usedPercent } from './format';
import { parseLoadavg, parseMeminfo, parseNproc, parseUptime } from './proc';

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

describe('/proc and nproc on this machine (real Linux)', () => {
  it('reads this machine\'s /proc/meminfo, /proc/loadavg, /proc/uptime and nproc', () => {
    const mem = parseMeminfo(sh('cat', ['/proc/meminfo']));
    expect(mem.memTotalBytes).toBeGreaterThan(64 * 1024 * 1024);
    expect(mem.memAvailableBytes).toBeGreaterThan(0);
    expect(mem.memAvailableBytes!).toBeLessThanOrEqual(mem.memTotalBytes!);
    expect(mem.memTotalBytes! % 1024).toBe(0);
    expect(mem.swapTotalBytes).not.toBeNull();
    expect(mem.swapFreeBytes!).toBeLessThanOrEqual(mem.swapTotalBytes!);
    const load = parseLoadavg(sh('cat', ['/proc/loadavg']));
    expect(load).toHaveLength(3);
    for (const l of load!) expect(l).toBeGreaterThanOrEqual(0);
    expect(parseUptime(sh('cat', ['/proc/uptime']))).toBeGreaterThan(0);
    expect(parseNproc(sh('nproc', []))).toBeGreaterThanOrEqual(1);
  });
});

describe('/proc parsers', () => {
  it('reads the samples in reference/vitals.md', () => {
    expect(parseUptime('1508.76 1669.61\n')).toBe(1508.76);
    expect(parseLoadavg('0.29 1.01 1.31 2/138 21333\n')).toEqual([0.29, 1.01, 1.31]);
    expect(parseNproc('4\n')).toBe(4);
  });

  it('reads meminfo keys in any order, ignoring odd and unknown lines', () => {
    const text = 'SwapFree:        1024 kB\nHugePages_Total:       0\ngarbage line\nMemAvailable:  2048 kB\nMemTotal:    8192 kB\n\nSwapTotal: 4096 kB\nMemTotal: 1 kB\n';
    expect(parseMeminfo(text)).toEqual({ memTotalBytes: 8192 * 1024, memAvailableBytes: 2048 * 1024, swapTotalBytes: 4096 * 1024, swapFreeBytes: 1024 * 1024 });
  });

  it('leaves missing keys null, and a truncated file gives only what is whole', () => {
    const full = sh('cat', ['/proc/meminfo']);
    const cut = full.slice(0, full.indexOf('MemAvailable:') + 'MemAvailable:     12'.length);
    const mem = parseMeminfo(cut);
    expect(mem.memTotalBytes).toBe(parseMeminfo(full).memTotalBytes);
    expect(mem.memAvailableBytes).toBeNull();
    expect(mem.swapTotalBytes).toBeNull();
    expect(parseMeminfo('')).toEqual({ memTotalBytes: null, memAvailableBytes: null, swapTotalBytes: null, swapFreeBytes: null });
  });

  it.each(['', 'abc', '-1 2', '\u0000'])('gives null for unreadable %j', (text) => {
    expect(parseUptime(text)).toBeNull();
    expect(parseLoadavg(text)).toBeNull();
    expect(parseNproc(text)).toBeNull();
  });

  it('nproc must be one positive number', () => {
    expect(parseNproc('0')).toBeNull();
    expect(parseNproc('4 4')).toBeNull();
  });
});

describe('formatting', () => {
  it('formats bytes in binary units', () => {
    expect([0, 980, 1536, 512 * 1024 ** 2, 1.3 * 1024 ** 3, 250 * 1024 ** 3, -2 * 1024 ** 4].map(formatBytes)).toEqual(['0 B', '980 B', '1.5 KiB', '512 MiB', '1.3 GiB', '250 GiB', '-2.0 TiB']);
  });

  it('takes the percentage as used / (used + available)', () => {
    expect(usedPercent(26875232256, 82069061632)).toBeCloseTo(24.67, 2);
    expect(usedPercent(0, 0)).toBe(0);
  });
});

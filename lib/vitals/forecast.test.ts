import { describe, expect, it } from 'vitest';
import { forecastDisk, formatForecast, type DiskSample } from './forecast';
import { diskLevel, forecastLevel, memoryLevel } from './thresholds';

const GiB = 1024 ** 3;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const END = Date.UTC(2026, 11, 3, 12);
const SIZE = 250 * GiB;

// A deterministic pseudo-random source, so noisy series are the same on every run.
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
}

/** Samples every `stepMs` over `days` up to END, used = f(days before END). */
function series(days: number, used: (daysBefore: number) => number, stepMs = 5 * 60_000): DiskSample[] {
  const out: DiskSample[] = [];
  for (let t = END - days * DAY; t <= END; t += stepMs) out.push({ t, usedBytes: used((END - t) / DAY), sizeBytes: SIZE });
  return out;
}

describe('disk fill forecast', () => {
  it('rising: full in about 12 days at +1.3 GiB a day', () => {
    const f = forecastDisk(series(7, (d) => SIZE - 12 * 1.3 * GiB - d * 1.3 * GiB))!;
    expect(f.bytesPerDay / GiB).toBeCloseTo(1.3, 3);
    expect(f.daysToFull).toBeCloseTo(12, 2);
    expect(f.fullAt).toBe(new Date(END + f.daysToFull * DAY).toISOString());
    expect(formatForecast(f)).toBe('full in about 12 days (at +1.3 GiB a day)');
  });

  it('full means used + available when df gives it (reserved blocks)', () => {
    const s = series(3, (d) => 100 * GiB - d * 2 * GiB).map((x) => ({ ...x, availBytes: 140 * GiB - x.usedBytes }));
    expect(forecastDisk(s)!.daysToFull).toBeCloseTo(20, 2);
  });

  it('flat and falling say nothing', () => {
    expect(forecastDisk(series(7, () => 100 * GiB))).toBeNull();
    expect(forecastDisk(series(7, (d) => 100 * GiB + d * GiB))).toBeNull();
    const noise = rng(1);
    expect(forecastDisk(series(7, () => 100 * GiB + noise() * 0.5 * GiB))).toBeNull();
  });

  it('noisy but rising: the trend comes through', () => {
    const noise = rng(7);
    const f = forecastDisk(series(7, (d) => 200 * GiB - d * 1.3 * GiB + noise() * 2 * GiB))!;
    expect(f.bytesPerDay / GiB).toBeGreaterThan(1.2);
    expect(f.bytesPerDay / GiB).toBeLessThan(1.4);
  });

  it('stray spikes do not move it', () => {
    const s = series(7, (d) => 200 * GiB - d * GiB);
    for (let i = 100; i < s.length; i += 250) s[i].usedBytes += 40 * GiB;
    expect(forecastDisk(s)!.bytesPerDay / GiB).toBeCloseTo(1, 2);
  });

  it('a cleanup inside the window: only what came after it is fitted', () => {
    // +3 GiB a day until 3 days ago, then 30 GiB freed, then +0.5 GiB a day.
    const s = series(7, (d) => (d > 3 ? 200 * GiB - (d - 3) * 3 * GiB : 170 * GiB - d * 0.5 * GiB + 1.5 * GiB));
    const f = forecastDisk(s)!;
    expect(f.bytesPerDay / GiB).toBeCloseTo(0.5, 3);
    expect(f.daysToFull).toBeCloseTo((SIZE - 171.5 * GiB) / (0.5 * GiB), 1);
  });

  it('a cleanup an hour ago: too little since to say', () => {
    expect(forecastDisk(series(7, (d) => (d > 1 / 24 ? 240 * GiB - d * 3 * GiB : 150 * GiB)))).toBeNull();
  });

  it('too little history, empty input, or far away: nothing', () => {
    expect(forecastDisk(series(0.9, (d) => 200 * GiB - d * 10 * GiB))).toBeNull();
    expect(forecastDisk([])).toBeNull();
    expect(forecastDisk([{ t: END, usedBytes: 1, sizeBytes: 2 }])).toBeNull();
    expect(forecastDisk(series(7, (d) => 10 * GiB - d * 0.1 * GiB))).toBeNull(); // ~6 years away
    expect(forecastDisk(series(7, (d) => 10 * GiB - d * 0.1 * GiB), { horizonDays: 10_000 })!.daysToFull).toBeGreaterThan(2000);
  });

  it('takes samples in any order, skips broken ones, and counts only the last 7 days', () => {
    const s = series(10, (d) => (d > 7 ? 240 * GiB : 200 * GiB - d * GiB), HOUR).reverse();
    s.push({ t: NaN, usedBytes: 1, sizeBytes: SIZE }, { t: END - HOUR, usedBytes: Infinity, sizeBytes: SIZE });
    expect(forecastDisk(s)!.bytesPerDay / GiB).toBeCloseTo(1, 3);
  });

  it('says hours when it is close, and a day in the singular', () => {
    expect(formatForecast({ daysToFull: 0.25, bytesPerDay: 512 * 1024 ** 2, fullAt: '' })).toBe('full in about 6 hours (at +512 MiB a day)');
    expect(formatForecast({ daysToFull: 1.2, bytesPerDay: 20 * GiB, fullAt: '' })).toBe('full in about 1 day (at +20 GiB a day)');
    expect(formatForecast({ daysToFull: 0, bytesPerDay: GiB, fullAt: '' })).toBe('full within the hour (at +1.0 GiB a day)');
  });
});

describe('thresholds with hysteresis', () => {
  it('a disk at 90.0 ± 0.1 % does not flap', () => {
    let level = diskLevel(90.0, null);
    expect(level).toBe('warn');
    for (const p of [89.9, 90.1, 89.95, 90.05, 89.9]) {
      level = diskLevel(p, level);
      expect(level).toBe('warn');
    }
    expect(diskLevel(88.9, level)).toBe('ok');
    let fromOk = diskLevel(89.9, 'ok');
    expect(fromOk).toBe('ok');
    fromOk = diskLevel(89.95, fromOk);
    expect(fromOk).toBe('ok');
  });

  it('critical at 97 %, left below 96 %; configurable', () => {
    expect(diskLevel(97, 'warn')).toBe('critical');
    expect(diskLevel(96.5, 'critical')).toBe('critical');
    expect(diskLevel(95.9, 'critical')).toBe('warn');
    expect(diskLevel(80, 'critical')).toBe('ok');
    expect(diskLevel(85, null, { warnPercent: 80, criticalPercent: 85, band: 2 })).toBe('critical');
    expect(diskLevel(NaN, 'warn')).toBe('warn');
  });

  it('memory available under 10 % warns, clears at 11 %', () => {
    expect(memoryLevel(9.9, 100, null)).toBe('warn');
    expect(memoryLevel(10.5, 100, 'warn')).toBe('warn');
    expect(memoryLevel(10.5, 100, 'ok')).toBe('ok');
    expect(memoryLevel(11, 100, 'warn')).toBe('ok');
    expect(memoryLevel(5, 0, 'ok')).toBe('ok');
  });

  it('a forecast under 7 days warns', () => {
    expect(forecastLevel(6.9, null)).toBe('warn');
    expect(forecastLevel(7.2, 'warn')).toBe('warn');
    expect(forecastLevel(7.6, 'warn')).toBe('ok');
    expect(forecastLevel(null, 'warn')).toBe('ok');
  });
});

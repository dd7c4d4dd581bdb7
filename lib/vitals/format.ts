const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** 1.3 GiB, 512 MiB, 980 B: binary units, one decimal under 10. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i += 1;
  }
  const digits = i === 0 || v >= 10 ? 0 : 1;
  return `${sign}${v.toFixed(digits)} ${UNITS[i]}`;
}

/** The percentage df -h prints as Use%: used / (used + available), the reserved blocks left out. */
export function usedPercent(usedBytes: number, availBytes: number): number {
  const total = usedBytes + availBytes;
  return total > 0 ? (usedBytes / total) * 100 : 0;
}

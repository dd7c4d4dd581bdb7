/** Seconds since boot, from /proc/uptime ("1508.76 1669.61"). */
export function parseUptime(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s/.exec(text + ' ');
  return m ? Number(m[1]) : null;
}

/** The 1, 5 and 15 minute load, from /proc/loadavg ("0.29 1.01 1.31 2/138 21333"). */
export function parseLoadavg(text: string): [number, number, number] | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)(?:\s|$)/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** The CPU count nproc prints. */
export function parseNproc(text: string): number | null {
  const m = /^\s*(\d{1,5})\s*$/.exec(text);
  return m && Number(m[1]) > 0 ? Number(m[1]) : null;
}

export interface Meminfo {
  /** Bytes (meminfo's "kB" are KiB); null when the key is missing or unreadable. */
  memTotalBytes: number | null;
  memAvailableBytes: number | null;
  swapTotalBytes: number | null;
  swapFreeBytes: number | null;
}

const WANTED: Record<string, keyof Meminfo> = { MemTotal: 'memTotalBytes', MemAvailable: 'memAvailableBytes', SwapTotal: 'swapTotalBytes', SwapFree: 'swapFreeBytes' };

/**
 * /proc/meminfo: "Key:   value kB" lines in any order. Odd lines, unknown keys and a line cut
 * short (a truncated file: a number without its unit may be missing digits) are ignored.
 */
export function parseMeminfo(text: string): Meminfo {
  const out: Meminfo = { memTotalBytes: null, memAvailableBytes: null, swapTotalBytes: null, swapFreeBytes: null };
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z0-9_()]+):\s+(\d{1,15})\s*(kB)?\s*$/.exec(line);
    const key = m && WANTED[m[1]];
    if (!key) continue;
    // A value without "kB" is a line cut short, or a count (HugePages_*) — not one of ours either way.
    if (!m[3]) continue;
    if (out[key] === null) out[key] = Number(m[2]) * 1024;
  }
  return out;
}

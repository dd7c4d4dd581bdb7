/** "45 s", "3 min 5 s", "2 h 10 min", "3 d 4 h": two units at most, never colour-only or locale-dependent. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** 0.99912 → "99.91%"; a dash when nothing was counted. Floors, so an outage never rounds up to 100%. */
export function formatUptime(r: number | null): string {
  if (r === null) return '–';
  if (r >= 1) return '100%';
  return `${(Math.floor(r * 10000) / 100).toFixed(2)}%`;
}

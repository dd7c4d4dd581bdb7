// Sizes as Nix prints them: binary units (KiB… and the older one-letter K…), with or without a sign.

const unitBytes: Record<string, number> = {
  B: 1,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
  PiB: 2 ** 50,
  EiB: 2 ** 60,
  K: 2 ** 10,
  M: 2 ** 20,
  G: 2 ** 30,
  T: 2 ** 40,
  P: 2 ** 50,
  E: 2 ** 60,
};

const sizeRe = /^([+-]?)(\d+(?:\.\d+)?)(\s*)([KMGTPE]iB|[KMGTPE]|B)?$/;

export interface ParsedSize {
  bytes: number;
  /** The text carried an explicit + or -. */
  signed: boolean;
  /** A unit followed the number (a bare number is bytes). */
  unit: string | null;
  /** Whitespace stood between the number and its unit. */
  spaced: boolean;
}

/** "+160.0 KiB", "-1.5 GiB", "386.7K", "0.58 MiB", "12345": the size, or null for anything else. */
export function parseSizeDetail(text: string): ParsedSize | null {
  const m = text.trim().match(sizeRe);
  if (!m) return null;
  const value = Number(m[2]) * (unitBytes[m[4] ?? 'B'] ?? 1);
  if (!Number.isFinite(value)) return null;
  return { bytes: Math.round(m[1] === '-' ? -value : value), signed: m[1] !== '', unit: m[4] ?? null, spaced: m[3] !== '' };
}

export function parseSize(text: string): number | null {
  return parseSizeDetail(text)?.bytes ?? null;
}

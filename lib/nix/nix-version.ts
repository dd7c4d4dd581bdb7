// Version order as Nix defines it (src/libstore/names.cc: nextComponent, componentsLT,
// compareVersions), so "upgraded" and "downgraded" mean what `nix-env -u` would mean.

const INT_MAX = 2 ** 31 - 1;

/** Split a version into Nix's components: runs of digits, or runs of other non-separators. */
export function versionComponents(v: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < v.length) {
    while (i < v.length && (v[i] === '.' || v[i] === '-')) i++;
    if (i >= v.length) break;
    const start = i;
    if (isDigit(v[i])) while (i < v.length && isDigit(v[i])) i++;
    else while (i < v.length && !isDigit(v[i]) && v[i] !== '.' && v[i] !== '-') i++;
    out.push(v.slice(start, i));
  }
  return out;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Nix parses a component with string2Int<int>: digits that overflow an int are not a number. */
function asNumber(c: string): number | null {
  if (!/^\d+$/.test(c)) return null;
  const n = Number(c);
  return n <= INT_MAX ? n : null;
}

function componentLess(c1: string, c2: string): boolean {
  const n1 = asNumber(c1);
  const n2 = asNumber(c2);
  if (n1 !== null && n2 !== null) return n1 < n2;
  if (c1 === '' && n2 !== null) return true;
  if (c1 === 'pre' && c2 !== 'pre') return true;
  if (c2 === 'pre') return false;
  // As in Nix: "2.3a" < "2.3.1".
  if (n2 !== null) return true;
  if (n1 !== null) return false;
  return c1 < c2;
}

/** -1, 0 or 1 as `a` is older than, the same as or newer than `b`, in Nix's order. */
export function compareNixVersions(a: string, b: string): -1 | 0 | 1 {
  const ca = versionComponents(a);
  const cb = versionComponents(b);
  for (let i = 0; i < Math.max(ca.length, cb.length); i++) {
    const x = ca[i] ?? '';
    const y = cb[i] ?? '';
    if (componentLess(x, y)) return -1;
    if (componentLess(y, x)) return 1;
  }
  return 0;
}

/** The newest of some versions in Nix's order; undefined for none. */
export function newestVersion(versions: readonly string[]): string | undefined {
  return versions.reduce<string | undefined>((best, v) => (best === undefined || compareNixVersions(v, best) > 0 ? v : best), undefined);
}

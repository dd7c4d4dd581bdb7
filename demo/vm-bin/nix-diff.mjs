// `nix store diff-closures` as Nix computes it (src/nix/diff-closures.cc): per package name,
// the versions only one side has, and the size change when it is 8 KiB or more. Sizes come
// wrapped in colour codes even into a pipe, as Nix 2.8 was seen to do.

const RED = '\x1b[31;1m';
const GREEN = '\x1b[32;1m';
const NORMAL = '\x1b[0m';

function byName(system) {
  const m = new Map();
  for (const p of system.packages) {
    const versions = m.get(p.name) ?? new Map();
    versions.set(p.version, (versions.get(p.version) ?? 0) + p.size);
    m.set(p.name, versions);
  }
  return m;
}

const showVersions = (vs) => (vs.length ? vs.map((v) => (v === '' ? 'ε' : v)).join(', ') : '∅');
const total = (versions) => [...versions.values()].reduce((a, b) => a + b, 0);
const byteOrder = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The lines Nix prints for the change from system `a` to system `b`; none when nothing changed. */
export function diffClosureLines(a, b) {
  const before = byName(a);
  const after = byName(b);
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(byteOrder);
  const lines = [];
  for (const name of names) {
    const bv = before.get(name) ?? new Map();
    const av = after.get(name) ?? new Map();
    const removed = [...bv.keys()].filter((v) => !av.has(v)).sort(byteOrder);
    const added = [...av.keys()].filter((v) => !bv.has(v)).sort(byteOrder);
    const delta = total(av) - total(bv);
    const showDelta = Math.abs(delta) >= 8 * 1024;
    if (!showDelta && !removed.length && !added.length) continue;
    const items = [];
    if (removed.length || added.length) items.push(`${showVersions(removed)} → ${showVersions(added)}`);
    if (showDelta) items.push(`${delta > 0 ? RED : GREEN}${delta > 0 ? '+' : ''}${(delta / 1024).toFixed(1)} KiB${NORMAL}`);
    lines.push(`${name}: ${items.join(', ')}`);
  }
  return lines;
}

/** Sizes as Nix 2.26 and later print them with -h: one decimal and a binary unit. */
export function humanSize(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

import fs from 'node:fs';
import path from 'node:path';

// The simulated VM's vitals and the Mac mini's volume, in vitals.json of the state folder. Used
// bytes grow with time at a rate the lab sets, so a fill forecast can be watched.

export const VITALS_FILE = 'vitals.json';
export const DAY = 86_400_000;
const GiB = 1024 ** 3;

export function initialVitals(now = Date.now()) {
  const rootSize = 270553174016;
  return {
    bootAtMs: now - (2 * DAY + 3 * 3_600_000 + 14 * 60_000),
    prevBootAtMs: now - 5 * DAY,
    cpus: 4,
    memory: { totalKiB: 8131288, availablePercent: 62 },
    swap: { totalKiB: 4194300, freeKiB: 4182012 },
    condition: 'normal',
    mounts: {
      '/': { source: '/dev/vda', fstype: 'ext4', sizeBytes: rootSize, reservedBytes: Math.floor(rootSize * 0.05), usedBytes: 103079215104, usedAtMs: now, bytesPerDay: 0, inodes: 16777216, inodesUsed: 477701, present: true, error: null },
      '/boot': { source: '/dev/vda1', fstype: 'vfat', sizeBytes: 535805952, reservedBytes: 0, usedBytes: 71303168, usedAtMs: now, bytesPerDay: 0, inodes: null, inodesUsed: null, present: true, error: null },
    },
    // Folders on the root filesystem that exist (anything else is "No such file or directory").
    dirs: ['/nix', '/nix/store', '/var', '/var/lib', '/var/lib/jellyfin', '/var/lib/matrix-synapse', '/home', '/home/ivan', '/tmp', '/etc'],
    host: { '/Volumes/Storage': 'mounted' },
  };
}

export function readVitals(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, VITALS_FILE), 'utf8'));
  } catch {
    return initialVitals();
  }
}

const writeAtomic = (file, text) => {
  fs.writeFileSync(`${file}.tmp`, text);
  fs.renameSync(`${file}.tmp`, file);
};

/**
 * Store the vitals, and render what the VM's cat, nproc and df (sh and awk, cheap to run on every
 * read) answer from: /proc/meminfo's text, and one line per fact in vitals.state.
 */
export function writeVitals(dir, state) {
  writeAtomic(path.join(dir, VITALS_FILE), JSON.stringify(state, null, 1));
  writeAtomic(path.join(dir, 'proc-meminfo'), meminfoText(state));
  const sec = (ms) => Math.floor(ms / 1000);
  const lines = [`boot ${sec(state.bootAtMs)}`, `cpus ${state.cpus}`, `condition ${state.condition}`, ...state.dirs.map((d) => `dir ${d}`)];
  for (const [mount, m] of Object.entries(state.mounts)) {
    const fields = [mount, m.present ? 1 : 0, m.source, m.fstype, m.sizeBytes, m.reservedBytes, m.usedBytes, sec(m.usedAtMs), Math.round(m.bytesPerDay), m.inodes ?? '-', m.inodesUsed ?? '-', m.error ?? ''];
    lines.push(`mount ${fields.join(' ')}`);
  }
  writeAtomic(path.join(dir, 'vitals.state'), lines.join('\n') + '\n');
}

function meminfoText(s) {
  const total = s.memory.totalKiB;
  const avail = Math.round((total * s.memory.availablePercent) / 100);
  const rows = [
    ['MemTotal', total], ['MemFree', Math.round(avail * 0.35)], ['MemAvailable', avail], ['Buffers', 52_184], ['Cached', Math.round(avail * 0.6)],
    ['SwapCached', 1_204], ['Active', Math.round((total - avail) * 0.7)], ['Inactive', Math.round(avail * 0.4)], ['Unevictable', 0], ['Mlocked', 0],
    ['SwapTotal', s.swap.totalKiB], ['SwapFree', s.swap.freeKiB], ['Dirty', 128], ['Writeback', 0], ['AnonPages', Math.round((total - avail) * 0.6)],
    ['Shmem', 9_876], ['KReclaimable', 61_440], ['Slab', 120_332], ['PageTables', 8_924], ['CommitLimit', Math.round(total / 2 + s.swap.totalKiB)],
    ['VmallocTotal', 133_143_592_960], ['HugePages_Total', null], ['HugePages_Free', null], ['Hugepagesize', 2048], ['DirectMap4k', 210_944],
  ];
  return rows.map(([k, v]) => `${`${k}:`.padEnd(16)}${v === null ? '0'.padStart(8) : `${String(v).padStart(8)} kB`}`).join('\n') + '\n';
}

function update(dir, fn) {
  const s = readVitals(dir);
  const out = fn(s);
  writeVitals(dir, s);
  return out;
}

/** Room for the used bytes: ext4 keeps reserved blocks that df counts neither used nor available. */
const room = (m) => m.sizeBytes - m.reservedBytes;

/** Used bytes now, from the last set value and the growth rate. */
export function usedBytesAt(m, now = Date.now()) {
  const grown = m.usedBytes + (m.bytesPerDay * (now - m.usedAtMs)) / DAY;
  return Math.round(Math.min(Math.max(grown, 0), room(m)));
}

/** Fill a mount to `percent` of used / (used + available), as df -h's Use% shows it. */
export function fillMount(dir, mount, percent, now = Date.now()) {
  return update(dir, (s) => {
    const m = s.mounts[mount];
    if (!m) return false;
    Object.assign(m, { usedBytes: Math.round((room(m) * Math.min(Math.max(percent, 0), 100)) / 100), usedAtMs: now });
    return true;
  });
}

/** Make a mount grow (or shrink) at `bytesPerDay` from now on. */
export function growMount(dir, mount, bytesPerDay, now = Date.now()) {
  return update(dir, (s) => {
    const m = s.mounts[mount];
    if (!m) return false;
    Object.assign(m, { usedBytes: usedBytesAt(m, now), usedAtMs: now, bytesPerDay });
    return true;
  });
}

/** Take a mount away (the path no longer exists), put it back, or make df fail on it. */
export function setMount(dir, mount, { present, error } = {}) {
  return update(dir, (s) => {
    const m = s.mounts[mount];
    if (!m) return false;
    if (present !== undefined) m.present = Boolean(present);
    if (error !== undefined) m.error = error || null;
    return true;
  });
}

export function setMemory(dir, availablePercent) {
  update(dir, (s) => (s.memory.availablePercent = Math.min(Math.max(Number(availablePercent), 0), 100)));
}

/** normal, or cut: the machine stops in the middle of a vitals read. */
export function setReadCondition(dir, condition) {
  update(dir, (s) => (s.condition = condition === 'cut' ? 'cut' : 'normal'));
}

/** The Mac mini's volume: mounted, missing (no such folder), or system (a stray folder on the system disk). */
export function setHostVolume(dir, volume, state) {
  update(dir, (s) => (s.host[volume] = state));
}

/** Load with a slow daily swing, the same for the same minute. */
export function loadAt(now, cpus) {
  const day = Math.sin((now / DAY) * 2 * Math.PI);
  const l1 = Math.max(0, 0.35 + 0.25 * day + 0.1 * Math.sin(now / 97_000)) * (cpus / 4);
  return [l1, l1 * 0.9 + 0.05, l1 * 0.8 + 0.08].map((x) => Math.round(x * 100) / 100);
}

function rng(seed) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/**
 * A week of plausible samples for the history store, oldest first: load swinging by day, memory
 * with a nightly dip, / growing about 0.8 GiB a day with a garbage collection four days ago.
 */
export function vitalsHistory({ now = Date.now(), days = 7, stepMs = 5 * 60_000, state = initialVitals(now) } = {}) {
  const r = rng(42);
  const root = state.mounts['/'];
  const boot = state.mounts['/boot'];
  const totalBytes = state.memory.totalKiB * 1024;
  const out = [];
  for (let t = now - days * DAY; t <= now; t += stepMs) {
    const ago = (now - t) / DAY;
    const bootAt = t >= state.bootAtMs ? state.bootAtMs : t >= state.prevBootAtMs ? state.prevBootAtMs : state.prevBootAtMs - 30 * DAY;
    const rootUsed = root.usedBytes - ago * 0.8 * GiB + (ago > 4 ? 14 * GiB : 0) + (r() - 0.5) * 0.3 * GiB;
    const avail = totalBytes * (0.55 + 0.1 * Math.cos((t / DAY) * 2 * Math.PI) + (r() - 0.5) * 0.04);
    const disk = (m, used, mounts) => ({ mount: mounts[0], mounts, sizeBytes: m.sizeBytes, usedBytes: Math.round(used), availBytes: Math.round(room(m) - used), inodesUsedPercent: m.inodes ? Math.ceil((m.inodesUsed / m.inodes) * 100) : null });
    out.push({
      at: new Date(t).toISOString(),
      uptimeSeconds: Math.max(0, Math.floor((t - bootAt) / 1000)),
      load: loadAt(t, state.cpus),
      cpus: state.cpus,
      memory: { totalBytes, availableBytes: Math.round(avail) },
      swap: { totalBytes: state.swap.totalKiB * 1024, freeBytes: state.swap.freeKiB * 1024 },
      disks: [disk(root, rootUsed, ['/', '/nix']), disk(boot, boot.usedBytes, ['/boot'])],
    });
  }
  return out;
}

import fs from 'node:fs';
import path from 'node:path';

// The simulated VM's journal: journal.jsonl in the state folder holds each entry exactly as
// `journalctl -o json --all` prints it (key order aside), so the fake journalctl only filters.

export const JOURNAL_FILE = 'journal.jsonl';
const SEQNUM_ID = '5e1f0c3a9b7d4e2f8a6c1b3d5f7e9a0c';
const MACHINE_ID = '3f9c1e7a2b5d4c6e8f0a1b2c3d4e5f60';
/** The previous boot and the current one. */
export const BOOT_IDS = ['8c2e4a6b1d3f5e7a9c0b2d4f6a8e1c3b', 'd4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4'];

const hex = (n) => Math.max(0, Math.floor(n)).toString(16);
function fnv(s) {
  let h = 0xcbf29ce484222325n;
  for (const c of s) h = ((h ^ BigInt(c.charCodeAt(0))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16);
}

function nextSeq(dir, count) {
  const file = path.join(dir, 'journal.seq');
  let last = 0;
  try {
    last = Number(fs.readFileSync(file, 'utf8')) || 0;
  } catch { /* a new journal */ }
  fs.writeFileSync(file, String(last + count));
  return last + 1;
}

/** Text with an escape byte is stored as journald stores it: an array of bytes. */
const messageValue = (m) => (Buffer.isBuffer(m) ? [...m] : /\x1b/.test(m) ? [...Buffer.from(m)] : m);

/**
 * One entry as journald records it. `unit` is the service's unit; with `pid1` the line is PID 1's
 * own about that unit (_SYSTEMD_UNIT=init.scope, UNIT=…). `priority` null leaves PRIORITY out.
 */
export function makeEntry({ seq, timeMs, boot, bootAtMs, unit, message, priority = 6, pid, identifier, pid1 = false }) {
  const rt = Math.floor(timeMs * 1000);
  const mono = Math.max(1, rt - Math.floor(bootAtMs * 1000));
  const e = {
    __CURSOR: `s=${SEQNUM_ID};i=${hex(seq)};b=${boot};m=${hex(mono)};t=${hex(rt)};x=${fnv(`${seq}${rt}`)}`,
    __REALTIME_TIMESTAMP: String(rt),
    __MONOTONIC_TIMESTAMP: String(mono),
    _BOOT_ID: boot,
    _MACHINE_ID: MACHINE_ID,
    _HOSTNAME: 'mini-vm',
    _TRANSPORT: pid1 ? 'journal' : 'stdout',
    SYSLOG_FACILITY: '3',
    _UID: pid1 ? '0' : '990',
    _GID: pid1 ? '0' : '990',
    _CAP_EFFECTIVE: pid1 ? '1ffffffffff' : '0',
    _SYSTEMD_SLICE: pid1 ? '-.slice' : 'system.slice',
  };
  if (pid1) Object.assign(e, { _PID: '1', _COMM: 'systemd', SYSLOG_IDENTIFIER: 'systemd', _SYSTEMD_UNIT: 'init.scope', _SYSTEMD_CGROUP: '/init.scope', UNIT: unit, CODE_FILE: 'src/core/unit.c', _EXE: '/nix/store/8r2c9x0l1ckbm1lq0i7y5vax5hb2jm1a-systemd-257.5/lib/systemd/systemd' });
  else Object.assign(e, { _PID: String(pid ?? 842), _COMM: identifier, SYSLOG_IDENTIFIER: identifier, _SYSTEMD_UNIT: unit, _SYSTEMD_CGROUP: `/system.slice/${unit}`, _SYSTEMD_INVOCATION_ID: fnv(unit).padStart(16, '0').repeat(2) });
  if (priority !== null) e.PRIORITY = String(priority);
  e.MESSAGE = messageValue(message);
  return e;
}

/** Append entries ({ unit, message, priority?, pid?, identifier?, pid1?, timeMs? }) to the journal, now. */
export function appendJournal(dir, lines, { boot = BOOT_IDS[1], bootAtMs, now = Date.now() } = {}) {
  if (lines.length === 0) return [];
  const first = nextSeq(dir, lines.length);
  const entries = lines.map((l, i) => makeEntry({ boot, bootAtMs: bootAtMs ?? now - 86_400_000, identifier: l.unit?.replace(/\.service$/, ''), ...l, timeMs: l.timeMs ?? now + i * 0.001, seq: first + i }));
  fs.appendFileSync(path.join(dir, JOURNAL_FILE), entries.map((e) => JSON.stringify(e) + '\n').join(''));
  return entries;
}

export function readJournal(dir) {
  let text = '';
  try {
    text = fs.readFileSync(path.join(dir, JOURNAL_FILE), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((l) => {
    try {
      return l ? [JSON.parse(l)] : [];
    } catch {
      return [];
    }
  });
}

export function clearJournal(dir) {
  for (const f of [JOURNAL_FILE, 'journal.seq']) fs.rmSync(path.join(dir, f), { force: true });
}

/** MESSAGE as text, whether stored as a string or as bytes. */
export const messageText = (v) => (Array.isArray(v) ? Buffer.from(v.filter((b) => typeof b === 'number')).toString('utf8') : typeof v === 'string' ? v : '');

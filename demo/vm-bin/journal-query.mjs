import { messageText } from '../lab/vm-journal.mjs';

// The parts of journalctl the simulated VM needs: its options, its filters and its JSON output.

const PRIORITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
// Fields journalctl keeps in -o json whatever --output-fields says.
const ALWAYS = ['__CURSOR', '__REALTIME_TIMESTAMP', '__MONOTONIC_TIMESTAMP', '_BOOT_ID'];

export class UsageError extends Error {}

const mangle = (u) => (/\.[a-z]+$/.test(u) ? u : `${u}.service`);

function priorityOf(v) {
  const n = /^[0-7]$/.test(v) ? Number(v) : PRIORITIES.indexOf(v);
  if (n < 0) throw new UsageError(`Unknown log level ${v}`);
  return n;
}

// Options that take a value; -b's is optional and only taken when it looks like a boot.
const VALUED = { '-u': 'unit', '--unit': 'unit', '-n': 'lines', '--lines': 'lines', '-o': 'output', '--output': 'output', '-p': 'priority', '--priority': 'priority', '-g': 'grep', '--grep': 'grep', '-c': 'cursor', '--cursor': 'cursor', '--after-cursor': 'afterCursor', '--output-fields': 'fields' };
const FLAGS = { '-f': 'follow', '--follow': 'follow', '-r': 'reverse', '--reverse': 'reverse', '-a': 'all', '--all': 'all', '--no-pager': null, '-q': null, '--quiet': null, '--no-hostname': null };

export function parseOptions(argv) {
  const o = { units: [], lines: null, output: 'short', priority: null, boot: null, grep: null, cursor: null, afterCursor: null, fields: null, follow: false, reverse: false, all: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a.length > 2 && /^-[unopgc]/.test(a) ? a.slice(0, 2) : a;
    const inline = name === a ? undefined : a.startsWith('--') ? a.slice(eq + 1) : a.slice(2);
    if (name === '-b' || name === '--boot') {
      const next = inline ?? (/^(-?\d+|[0-9a-f]{32})$/.test(argv[i + 1] ?? '') ? argv[++i] : '0');
      o.boot = next;
    } else if (VALUED[name]) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`option '${a}' requires an argument`);
      if (VALUED[name] === 'unit') o.units.push(mangle(v));
      else o[VALUED[name]] = v;
    } else if (name in FLAGS) {
      if (FLAGS[name]) o[FLAGS[name]] = true;
    } else throw new UsageError(`unrecognized option '${a}'`);
  }
  if (o.lines !== null && !/^(\d+|all)$/.test(o.lines)) throw new UsageError(`Failed to parse lines '${o.lines}'`);
  if (o.priority !== null) {
    const [a, b] = o.priority.split('..');
    o.priority = b === undefined ? [0, priorityOf(a)] : [priorityOf(a), priorityOf(b)].sort();
  }
  if (o.grep !== null) {
    try {
      o.grep = new RegExp(o.grep, /[A-Z]/.test(o.grep) ? '' : 'i');
    } catch (e) {
      throw new UsageError(`Bad pattern "${o.grep}": ${e.message.replace(/^Invalid regular expression: /, '')}`);
    }
  }
  return o;
}

/** Does an entry pass the unit, priority and pattern filters? */
export function matches(o, e) {
  if (o.units.length && !o.units.some((u) => e._SYSTEMD_UNIT === u || (e._PID === '1' && e.UNIT === u))) return false;
  if (o.priority) {
    if (e.PRIORITY === undefined) return false;
    const p = Number(e.PRIORITY);
    if (p < o.priority[0] || p > o.priority[1]) return false;
  }
  return !o.grep || o.grep.test(messageText(e.MESSAGE));
}

/** The boot id -b names (0 this boot, -1 the one before, or an id), among those in the journal. */
export function bootFilter(o, entries) {
  if (o.boot === null) return null;
  if (/^[0-9a-f]{32}$/.test(o.boot)) return o.boot;
  const boots = [...new Set(entries.map((e) => e._BOOT_ID))];
  const id = boots[boots.length - 1 + Number(o.boot)];
  if (!id) throw new UsageError(`Data from the specified boot (${o.boot}) is not available: No such boot ID in journal`);
  return id;
}

function seek(entries, cursor) {
  const i = entries.findIndex((e) => e.__CURSOR === cursor);
  if (i >= 0) return i;
  const t = /(?:^|;)t=([0-9a-f]+)/.exec(cursor);
  if (!/^[a-z]=[0-9a-f]+(;[a-z]=[0-9a-f]+)*$/.test(cursor) || !t) throw new UsageError('Failed to seek to cursor: Invalid argument');
  const at = entries.findIndex((e) => BigInt(e.__REALTIME_TIMESTAMP) >= BigInt(`0x${t[1]}`));
  return at === -1 ? entries.length : at;
}

/** The entries to print, in print order, as journalctl picks them with -n, --cursor, --after-cursor and -r. */
export function select(o, entries) {
  const n = o.lines === null ? (o.follow ? 10 : Infinity) : o.lines === 'all' ? Infinity : Number(o.lines);
  const from = o.cursor ?? o.afterCursor;
  if (from !== null) {
    const i = seek(entries, from);
    if (o.reverse) {
      const end = o.afterCursor !== null ? i : Math.min(i + 1, entries.length);
      return entries.slice(Math.max(0, end - n), end).reverse();
    }
    const start = o.afterCursor !== null && entries[i]?.__CURSOR === from ? i + 1 : i;
    return entries.slice(start, start + n);
  }
  const tail = n === Infinity ? entries : n === 0 ? [] : entries.slice(-n);
  return o.reverse ? [...tail].reverse() : tail;
}

/** One entry as -o json prints it: keys in a shuffled order, long values null without --all. */
export function formatJson(o, e) {
  const wanted = o.fields ? new Set([...o.fields.split(','), ...ALWAYS]) : null;
  const keys = Object.keys(e).filter((k) => !wanted || wanted.has(k));
  const seed = parseInt(e.__CURSOR.slice(-6), 16) || 1;
  keys.sort((a, b) => ((a.length * 31 + a.charCodeAt(1) * seed) % 17) - ((b.length * 31 + b.charCodeAt(1) * seed) % 17));
  const out = {};
  for (const k of keys) {
    const v = e[k];
    const size = Array.isArray(v) ? v.length : Buffer.byteLength(String(v));
    out[k] = !o.all && size >= 4096 ? null : v;
  }
  return JSON.stringify(out);
}

/** -o short and -o cat, for people. */
export function formatText(o, e) {
  const text = messageText(e.MESSAGE);
  if (o.output === 'cat') return text;
  const d = new Date(Number(BigInt(e.__REALTIME_TIMESTAMP) / 1000n));
  const when = `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${d.toISOString().slice(8, 10)} ${d.toISOString().slice(11, 19)}`;
  return `${when} mini-vm ${e.SYSLOG_IDENTIFIER ?? e._COMM}[${e._PID}]: ${text}`;
}

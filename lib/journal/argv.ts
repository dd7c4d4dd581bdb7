import { unitNameProblem } from '../units/unit-name';
import { PRIORITY_NAMES } from './entry';
import { MAX_ENTRIES } from './read';

export const DEFAULT_LINES = 200;
export const GREP_MAX_LENGTH = 256;
export const CURSOR_MAX_LENGTH = 512;

/** The fields the parser reads; asking for only these keeps 5000 entries well under 4 MiB. */
export const JOURNAL_OUTPUT_FIELDS = ['MESSAGE', 'PRIORITY', '_PID', '_SYSTEMD_UNIT', '_SYSTEMD_USER_UNIT', 'UNIT', 'SYSLOG_IDENTIFIER', '_COMM', '_SOURCE_REALTIME_TIMESTAMP'] as const;

export interface JournalQuery {
  unit: string;
  /** 1 … 5000. */
  lines: number;
  /** Show this priority and more severe (0 emerg … 7 debug). */
  priority?: number;
  /** 0: this boot; -1: the previous one. */
  boot?: 0 | -1;
  /** A PCRE2 pattern on MESSAGE (journalctl: case-insensitive unless it has capitals). */
  grep?: string;
  /** A cursor: only entries older than it (paging back). */
  before?: string;
}

export type QueryResult = { ok: true; query: JournalQuery } | { ok: false; field: keyof JournalQuery; error: string };

// journald cursors: s=…;i=…;b=…;m=…;t=…;x=… (hex). Checked so a cursor can never be an option.
const CURSOR = /^[a-z]=[0-9a-f]{1,64}(?:;[a-z]=[0-9a-f]{1,64}){0,15}$/;
export const isJournalCursor = (v: unknown): v is string => typeof v === 'string' && v.length <= CURSOR_MAX_LENGTH && CURSOR.test(v);

/** Lines as a user or URL gives them: digits only; 0 and more than 5000 are clamped. */
export function parseLines(v: unknown): number | null {
  if (v === undefined || v === null || v === '') return DEFAULT_LINES;
  const s = typeof v === 'number' && Number.isInteger(v) && v >= 0 ? String(v) : v;
  if (typeof s !== 'string' || !/^\d{1,30}$/.test(s)) return null;
  return Math.min(Math.max(Number(s), 1), MAX_ENTRIES);
}

/** A priority by name (emerg … debug, also error/warn) or number 0 … 7. */
export function parsePriority(v: unknown): number | null {
  const s = String(v).trim().toLowerCase();
  if (/^[0-7]$/.test(s)) return Number(s);
  const alias: Record<string, string> = { error: 'err', warn: 'warning', emergency: 'emerg', critical: 'crit' };
  const i = (PRIORITY_NAMES as readonly string[]).indexOf(alias[s] ?? s);
  return i === -1 ? null : i;
}

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Check a request's filters (strings from a URL, or values from code). Nothing runs on an error. */
export function parseJournalQuery(input: Record<string, unknown>): QueryResult {
  const unitProblem = unitNameProblem(input.unit);
  if (unitProblem) return { ok: false, field: 'unit', error: unitProblem };
  const lines = parseLines(input.lines);
  if (lines === null) return { ok: false, field: 'lines', error: `lines must be a whole number from 1 to ${MAX_ENTRIES}` };
  const query: JournalQuery = { unit: input.unit as string, lines };
  if (given(input.priority)) {
    const p = parsePriority(input.priority);
    if (p === null) return { ok: false, field: 'priority', error: `priority must be one of ${PRIORITY_NAMES.join(', ')} or 0 to 7` };
    query.priority = p;
  }
  if (given(input.boot)) {
    const b = String(input.boot).trim();
    if (b !== '0' && b !== '-1') return { ok: false, field: 'boot', error: 'boot must be 0 (this boot) or -1 (the previous one)' };
    query.boot = b === '0' ? 0 : -1;
  }
  if (given(input.grep)) {
    if (typeof input.grep !== 'string' || input.grep.length > GREP_MAX_LENGTH) return { ok: false, field: 'grep', error: `grep must be text of at most ${GREP_MAX_LENGTH} characters` };
    if (/[\x00-\x1f\x7f]/.test(input.grep)) return { ok: false, field: 'grep', error: 'grep may not hold control characters' };
    query.grep = input.grep;
  }
  if (given(input.before)) {
    if (!isJournalCursor(input.before)) return { ok: false, field: 'before', error: 'before must be a journal cursor' };
    query.before = input.before;
  }
  return { ok: true, query };
}

const common = (unit: string) => ['-u', unit, '-o', 'json', `--output-fields=${JOURNAL_OUTPUT_FIELDS.join(',')}`, '--no-pager', '--all'];

/**
 * The argv (after `orb -m <machine>`) for one page of a unit's journal, each filter its own
 * element. Newest first (--reverse) so that the caps keep the newest; JournalReader with
 * newestFirst puts them back in order. Paging back uses --after-cursor with --reverse, which in
 * journalctl 252 means "older than the cursor".
 */
export function journalArgv(input: JournalQuery): string[] {
  const checked = parseJournalQuery(input as unknown as Record<string, unknown>);
  if (!checked.ok) throw new Error(`journal query: ${checked.field}: ${checked.error}`);
  const q = checked.query;
  const argv = ['journalctl', ...common(q.unit), '-n', String(q.lines), '--reverse'];
  if (q.priority !== undefined) argv.push('-p', String(q.priority));
  if (q.boot !== undefined) argv.push('-b', String(q.boot));
  if (q.grep !== undefined) argv.push(`--grep=${q.grep}`);
  if (q.before !== undefined) argv.push(`--after-cursor=${q.before}`);
  return argv;
}

/** Follow a unit's journal from now, or from just after a cursor (replaying at most 1000 missed entries). */
export function journalFollowArgv(unit: string, afterCursor?: string): string[] {
  const problem = unitNameProblem(unit);
  if (problem) throw new Error(`journal follow: ${problem}`);
  if (afterCursor !== undefined && !isJournalCursor(afterCursor)) throw new Error('journal follow: not a journal cursor');
  const from = afterCursor === undefined ? ['-n', '0'] : [`--after-cursor=${afterCursor}`, '-n', '1000'];
  return ['journalctl', '-f', ...common(unit), ...from];
}

/**
 * What went wrong, from journalctl's exit code and stderr; null when the answer is good. With
 * --grep, journalctl 252 exits 1 with nothing on stderr when no entry matches: that is an empty
 * answer, not an error.
 */
export function journalError(code: number | null, stderr: string): string | null {
  if (code === 0) return null;
  const first = stderr.split('\n').map((l) => l.trim()).find(Boolean);
  if (code === 1 && !first) return null;
  return first ?? `journalctl exited with ${code ?? 'a signal'}`;
}

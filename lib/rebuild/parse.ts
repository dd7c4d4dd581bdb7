import type { LineLevel, RebuildLine, RebuildProgress } from './types';

// Turns nixos-rebuild / nix output lines (reference/nixos.md §3) into a phase and a count.

const derivationsRe = /^these (\d+) derivations? will be built/;
const oneDerivationRe = /^this derivation will be built/;
const buildingDrvRe = /^building '\/nix\/store\/[^']+\.drv'/;
const fetchRe = /^(these \d+ paths will be fetched|this path will be fetched|copying path ')/;
const activatingRe = /^(activating the configuration|Checking switch inhibitors|switching profile from version|setting up \/etc)/;
const failedUnitsRe = /^warning: the following units failed: (.+)$/;
const doneRe = /^Done\. The new configuration is/;

/** Lines worth highlighting and quoting when a run fails. */
export const errorLineRe = /(^|\s|\[)(error|fatal)\b|\bfailed\b|\bTraceback\b|returned non-zero exit status|^warning: error\(s\) occurred/i;

/** How the log view marks a line: the one place that decides, for live lines and replayed ones. */
export function lineLevel(text: string): LineLevel | undefined {
  if (errorLineRe.test(text)) return 'error';
  if (text.startsWith('[dashboard]')) return 'note';
  return undefined;
}

export function logLine(seq: number, t: number, text: string): RebuildLine {
  const level = lineLevel(text);
  return level ? { seq, t, text, level } : { seq, t, text };
}

export function initialProgress(): RebuildProgress {
  return { phase: 'evaluating', built: 0, total: null, failedUnits: [] };
}

/** Feed one output line; returns true when the progress changed. */
export function feedLine(p: RebuildProgress, raw: string): boolean {
  const line = raw.trim();
  let m: RegExpMatchArray | null;
  if ((m = line.match(derivationsRe))) {
    p.total = (p.total ?? 0) + Number(m[1]);
    if (p.phase === 'evaluating') p.phase = 'building';
    return true;
  }
  if (oneDerivationRe.test(line)) {
    p.total = (p.total ?? 0) + 1;
    if (p.phase === 'evaluating') p.phase = 'building';
    return true;
  }
  if (buildingDrvRe.test(line)) {
    p.built += 1;
    if (p.total !== null && p.built > p.total) p.total = p.built;
    if (p.phase === 'evaluating') p.phase = 'building';
    return true;
  }
  if (fetchRe.test(line) && p.phase === 'evaluating') {
    p.phase = 'building';
    return true;
  }
  if (activatingRe.test(line) && p.phase !== 'activating' && p.phase !== 'done') {
    p.phase = 'activating';
    return true;
  }
  if ((m = line.match(failedUnitsRe))) {
    for (const u of m[1].split(/[,\s]+/).filter(Boolean)) if (!p.failedUnits.includes(u)) p.failedUnits.push(u);
    return true;
  }
  if (doneRe.test(line)) {
    p.phase = 'done';
    return true;
  }
  return false;
}

/** Keeps the last few error-looking lines (and the last lines at all) for the failure summary. */
export class ErrorTail {
  private errors: string[] = [];
  private last: string[] = [];
  constructor(private readonly keep = 8) {}
  push(line: string): void {
    const l = line.trimEnd();
    if (!l.trim()) return;
    this.last.push(l);
    if (this.last.length > this.keep) this.last.shift();
    // nix opens a multi-line error with a bare "error:"; the lines after it say what went wrong.
    if (errorLineRe.test(l) && !/^\s*error:\s*$/.test(l)) {
      this.errors.push(l);
      if (this.errors.length > this.keep) this.errors.shift();
    }
  }
  lines(): string[] {
    return this.errors.length ? [...this.errors] : [...this.last];
  }
}

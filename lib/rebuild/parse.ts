import type { RebuildProgress } from './types';

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

/** The rebuild's rule for error lines: marked in the log, quoted in a failure summary. */
export const isRebuildErrorLine = (line: string): boolean => errorLineRe.test(line);

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

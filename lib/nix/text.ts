import { cleanLine } from '../jobs/line-reader';

// Escape sequences cleanLine (CSI only) leaves: OSC (hyperlinks, titles) and two-character ones.
const oscRe = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g;
const escRe = /\x1b[ -\/]*[0-~]/g;
// C0 and C1 control characters other than tab: what is left of a line once the ANSI codes are gone.
const controlRe = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/**
 * One line of command output made safe to show and store: ANSI codes and other control
 * characters removed, cut at `max` characters (marked with an ellipsis).
 */
export function cleanText(raw: string, max: number): string {
  const s = cleanLine(raw.replace(oscRe, '')).replace(escRe, '').replace(controlRe, '');
  return s.length > max ? `${s.slice(0, Math.max(0, max - 1))}…` : s;
}

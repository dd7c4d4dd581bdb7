import { z } from 'zod';

/** The unit types systemd knows; a unit name must end in one of them. */
export const UNIT_TYPES = ['service', 'socket', 'target', 'device', 'mount', 'automount', 'swap', 'timer', 'path', 'slice', 'scope'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** systemd's UNIT_NAME_MAX is 256 with the terminating NUL. */
export const UNIT_NAME_MAX = 255;

// systemd's VALID_CHARS plus '@'; a backslash is allowed only as a \xHH escape (what systemd-escape writes).
const NAME_CHARS = /^(?:[A-Za-z0-9:_.\-@]|\\x[0-9a-fA-F]{2})*$/;

/**
 * Why `name` is not a unit name we will pass to systemctl or journalctl, or null when it is one.
 * systemd's rules (unit_name_is_valid with PLAIN|INSTANCE), plus: no leading '-', so a name can
 * never be read as an option even where `--` cannot be used (journalctl -u).
 */
export function unitNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'a unit name is required';
  if (name.length > UNIT_NAME_MAX) return `a unit name has at most ${UNIT_NAME_MAX} characters (this one has ${name.length})`;
  if (name.startsWith('-')) return 'a unit name may not start with "-"';
  if (!NAME_CHARS.test(name)) return 'a unit name has only letters, digits and : _ . - @ (and \\xHH escapes)';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return `a unit name ends in a type: .${UNIT_TYPES.join(', .')}`;
  const type = name.slice(dot + 1);
  if (!(UNIT_TYPES as readonly string[]).includes(type)) return `".${type}" is not a unit type (one of .${UNIT_TYPES.join(', .')})`;
  const prefix = name.slice(0, dot);
  const at = prefix.indexOf('@');
  if (at === 0) return 'a unit name may not start with "@"';
  if (at > 0 && at === prefix.length - 1) return `"${name}" is a template: name an instance (${prefix}instance.${type})`;
  return null;
}

export const isValidUnitName = (name: unknown): name is string => unitNameProblem(name) === null;

/** For the config: a string that is a valid unit name, with systemd's rule in the message. */
export const unitNameSchema = z.string().superRefine((name, ctx) => {
  const problem = unitNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: `invalid unit name: ${problem}` });
});

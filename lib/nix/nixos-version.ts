import { parseRevision, type ParsedRevision } from './revision';
import { cleanText } from './text';

// `nixos-version --json` (reference/nixos.md §11). configurationRevision is there only when the
// flake sets system.configurationRevision.

export const nixosVersionArgv = ['nixos-version', '--json'];

/** What the page shows when the running system does not carry its revision. */
export const CONFIGURATION_REVISION_HINT = 'system.configurationRevision = self.rev or self.dirtyRev or null;';

export interface NixosVersion {
  nixosVersion: string | null;
  nixpkgsRevision: string | null;
  /** As printed (cleaned); null when absent or empty. */
  configurationRevision: string | null;
  /** The same, when it is a commit hash (or one with -dirty). */
  revision: ParsedRevision | null;
}

const str = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() ? cleanText(v.trim(), max) : null);

/** Throws when the text is not a JSON object; odd fields become null. */
export function parseNixosVersion(text: string): NixosVersion {
  const data: unknown = JSON.parse(text);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('nixos-version --json did not print an object');
  const o = data as Record<string, unknown>;
  const configurationRevision = str(o.configurationRevision, 100);
  return {
    nixosVersion: str(o.nixosVersion, 100),
    nixpkgsRevision: str(o.nixpkgsRevision, 100),
    configurationRevision,
    revision: parseRevision(configurationRevision),
  };
}

import { cleanText } from './text';

// How much /nix holds. `nix path-info` has no store total, so this is the file system's view:
// `du` over /nix/store (what the store really takes, hard links counted once) and `df` for the
// file system /nix lives on (how full the disk is). In an OrbStack machine the root file system
// is shared by all machines, so df answers "is the disk filling up", not "what does /nix hold".

/** The store's disk usage in bytes. It walks every file: slow on a big store, so run it rarely. */
export const duStoreArgv = ['du', '-s', '-x', '-B1', '/nix/store'];

/** The file system /nix is on: POSIX format (one line a file system), sizes in bytes. */
export const dfNixArgv = ['df', '-P', '-B1', '/nix'];

/** "<bytes>\t<path>": the total of the last such line (du prints it even after read errors). */
export function parseDuTotal(text: string): { bytes: number; path: string } | null {
  const lines = text.split('\n').map((l) => cleanText(l, 4096)).filter((l) => l.trim());
  for (const line of lines.reverse()) {
    const m = line.match(/^(\d+)\s+(\S.*)$/);
    if (m) return { bytes: Number(m[1]), path: m[2] };
  }
  return null;
}

export interface DfRow {
  filesystem: string;
  sizeBytes: number;
  usedBytes: number;
  availableBytes: number;
  mountedOn: string;
}

/** `df -P -B1`: the rows under the header; the mount point may contain spaces. */
export function parseDf(text: string): DfRow[] {
  const rows: DfRow[] = [];
  for (const raw of text.split('\n')) {
    const line = cleanText(raw, 4096);
    const m = line.match(/^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+%|-)\s+(\/.*)$/);
    if (!m) continue;
    rows.push({ filesystem: m[1], sizeBytes: Number(m[2]), usedBytes: Number(m[3]), availableBytes: Number(m[4]), mountedOn: m[6] });
  }
  return rows;
}

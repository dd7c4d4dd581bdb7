// What may be handed to nix as a path: a store path, or one of the links that point at a system.

// Nix's own characters for a store path name; the hash part loosely (lower-case letters and digits).
const storePathRe = /^\/nix\/store\/[0-9a-z]{32}-[A-Za-z0-9+\-._?=]{1,211}$/;
const systemLinkRe = /^\/nix\/var\/nix\/profiles\/system(-[1-9]\d{0,8}-link)?$/;
const runLinks = new Set(['/run/current-system', '/run/booted-system']);

export function isStorePath(p: string): boolean {
  return storePathRe.test(p);
}

/** A store path, /run/current-system, /run/booted-system or a system profile link. */
export function isSystemPathArg(p: string): boolean {
  return isStorePath(p) || runLinks.has(p) || systemLinkRe.test(p);
}

export function requireSystemPath(p: string): string {
  if (!isSystemPathArg(p)) throw new Error(`not a store path or system link: ${JSON.stringify(p.slice(0, 80))}`);
  return p;
}

/** Older Nix needs the flag for every `nix <command>`; NixOS usually enables it, so pass it anyway. */
export const NIX_COMMAND = ['nix', '--extra-experimental-features', 'nix-command'];

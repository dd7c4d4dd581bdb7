// What setup learns from this Mac: where orb is, which machines it has, and whether the flake
// folder holds a flake with an entry for the machine. Read-only: `orb status` is asked first,
// because most other orb commands start OrbStack when it is stopped.
import fs from 'node:fs';
import path from 'node:path';
import { findOrb } from '../../lib/orb-paths.mjs';
import { orbModule } from './server-lib.mjs';

const TIMEOUT_MS = 5000;

/** orb's place and OrbStack's machines, the way the server reads them (lib/orb.ts readOrb). */
export async function discoverOrb(env = process.env) {
  const { bin, searched } = findOrb(env);
  if (!bin) return { bin: null, searched, state: 'not-installed', machines: null, reason: `orb not found (looked in ${searched.join(', ')})` };
  const { readOrb } = await orbModule();
  const r = await readOrb({ bin, timeoutMs: TIMEOUT_MS });
  return { bin, searched, viaEnv: bin === env.ORB_PATH, state: r.state, machines: r.machines, reason: r.reason };
}

export function describeOrb(orb) {
  if (!orb.bin) return orb.reason;
  const list = orb.machines?.map((m) => `${m.name} (${m.state})`).join(', ');
  if (orb.state !== 'running') return `${orb.bin}: OrbStack is ${orb.state}${orb.reason ? ` (${orb.reason})` : ''}; machines not listed`;
  return `${orb.bin}: OrbStack running; machines: ${list || (orb.reason ?? 'none')}`;
}

/** The machine to default to: mini-vm when orb lists it, else the only one there is. */
export function defaultMachine(orb) {
  const names = orb.machines?.map((m) => m.name) ?? [];
  if (names.includes('mini-vm') || names.length !== 1) return 'mini-vm';
  return names[0];
}

/** A problem with this machine name, or null; unknown machines are fine when orb cannot list any. */
export function machineProblem(name, orb) {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/.test(name)) return `"${name}" is not a machine name as orb prints it`;
  if (!orb.machines) return null;
  if (orb.machines.some((m) => m.name === name)) return null;
  const names = orb.machines.map((m) => m.name).join(', ') || 'none';
  return `orb lists no machine "${name}" (it has: ${names})`;
}

/** The machine's IPv4 address: from orb's list, else from inside it when it runs (like the server). */
export async function machineAddress(orb, machine) {
  const m = orb.machines?.find((x) => x.name === machine);
  if (!m || m.address || m.state !== 'running') return m?.address;
  const { readMachineAddress } = await orbModule();
  return readMachineAddress({ bin: orb.bin, timeoutMs: TIMEOUT_MS }, machine);
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether flake.nix's text names the machine under nixosConfigurations, as far as text can tell. */
export function flakeEntry(text, machine) {
  if (!/nixosConfigurations/.test(text)) return 'unknown';
  const m = escapeRe(machine);
  const entry = new RegExp(`nixosConfigurations\\s*\\.\\s*"?${m}"?\\s*=|(^|[\\s{;])"?${m}"?\\s*=`, 'm');
  return entry.test(text) ? 'found' : 'missing';
}

async function readFlakeInVm(orb, machine, dir) {
  if (orb.state !== 'running' || !orb.machines?.some((m) => m.name === machine && m.state === 'running')) return null;
  const { orbRun } = await orbModule();
  const r = await orbRun(orb.bin, ['-m', machine, 'cat', path.posix.join(dir, 'flake.nix')], TIMEOUT_MS);
  return r.code === 0 && !r.truncated ? r.stdout : null;
}

/**
 * Check the flake folder: { problem } when it cannot be used, else { where, entry, note? }.
 * The folder is looked for on this Mac first, then inside the running VM.
 */
export async function checkFlake(dir, machine, orb) {
  let text = null;
  let where = 'this Mac';
  try {
    text = fs.readFileSync(path.join(dir, 'flake.nix'), 'utf8');
  } catch {
    text = orb.bin ? await readFlakeInVm(orb, machine, dir) : null;
    where = machine;
  }
  if (text === null) return { problem: `${dir} has no flake.nix (looked on this Mac${orb.bin ? ` and inside ${machine}, if it runs` : ''})` };
  const entry = flakeEntry(text, machine);
  const notes = {
    found: null,
    unknown: `flake.nix does not list nixosConfigurations itself, so the entry for ${machine} could not be checked`,
    missing: `flake.nix lists nixosConfigurations but no entry named ${machine} was found; the rebuild runs ${dir}#${machine}`,
  };
  const onMac = where === 'this Mac' && process.platform === 'darwin' && !dir.startsWith('/Users/');
  const vmNote = onMac ? `${dir} is outside /Users: the VM sees the Mac's /Users folders only, so a rebuild may not find it` : null;
  return { where, entry, note: [notes[entry], vmNote].filter(Boolean).join('; ') || undefined };
}

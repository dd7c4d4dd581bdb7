import { readScenario } from './rebuild-state.mjs';

// Shared by the simulated VM's programs: output that waits for the pipe, and the lab's speed.

/** Write a line to stderr, waiting when the pipe is full. */
export const err = (s) => new Promise((r) => (process.stderr.write(s + '\n') ? r() : process.stderr.once('drain', r)));

/** Write a line to stdout, likewise. */
export const out = (s) => new Promise((r) => (process.stdout.write(s + '\n') ? r() : process.stdout.once('drain', r)));

/** The lab's scenario for this state folder, and a sleep that runs at its speed. */
export function labPace(dir) {
  const s = readScenario(dir);
  return { ...s, sleep: (ms) => new Promise((r) => setTimeout(r, ms / s.speed)) };
}

/** Nix's way to end on a usage error: the message, a hint, exit 1. */
export async function usage(program, message) {
  await err(`error: ${message}`);
  await err(`Try '${program} --help' for more information.`);
  process.exit(1);
}

/** Wait forever (until killed), as a Nix waiting on a lock does; give up after ten minutes. */
export function hang() {
  setTimeout(() => process.exit(1), 600_000);
  return new Promise(() => {});
}

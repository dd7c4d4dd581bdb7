#!/usr/bin/env node
// `npm run setup`: write a working config for this Mac mini. Interactive on a terminal; with
// --non-interactive everything comes from flags. Never overwrites a config without --force.
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { defaultConfigPath } from './install/dashboard-config.mjs';
import { runSetup, SetupError } from './install/setup-run.mjs';

const usage = `Usage: npm run setup [-- --non-interactive --flake <dir> [options]]
  --config <file>         where to write the config (default ~/.config/mini-vm-dashboard/config.yaml)
  --flake <dir>           the VM's flake folder (must hold flake.nix); required with --non-interactive
  --machine <name>        the OrbStack machine (default mini-vm, or the only one orb lists)
  --password-file <file>  the admin password; created with a generated one (mode 0600) when missing
  --data-dir <dir>        history, rebuild logs (default ~/Library/Application Support/mini-vm-dashboard)
  --docs-dir <dir>        markdown docs (default <flake>/docs when it has any, else this repo's docs/)
  --vm-host <name>        where this Mac reaches the VM's services (default <machine>.orb.local)
  --force                 overwrite an existing config
  --non-interactive       ask nothing; take every value from flags or its default`;

const options = Object.fromEntries(['config', 'flake', 'machine', 'password-file', 'data-dir', 'docs-dir', 'vm-host'].map((k) => [k, { type: 'string' }]));
let args;
try {
  args = parseArgs({ options: { ...options, force: { type: 'boolean' }, 'non-interactive': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
} catch (e) {
  console.error(`${e.message}\n\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

const interactive = !args['non-interactive'];
if (interactive && !process.stdin.isTTY) {
  console.error(`setup: standard input is not a terminal; run it with --non-interactive and flags.\n\n${usage}`);
  process.exit(2);
}
const rl = interactive ? readline.createInterface({ input: process.stdin, output: process.stdout }) : null;
const io = {
  interactive,
  env: process.env,
  log: (line) => console.log(line),
  ask: async (question, fallback) => (await rl.question(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim() || fallback,
};

try {
  const r = await runSetup(args, io);
  const configFlag = r.configPath === defaultConfigPath() ? '' : ` --config ${JSON.stringify(r.configPath)}`;
  console.log(`
Next:
  npm run service -- install${configFlag}     start it now and at every login (http://<this Mac>:3000)
  or in the foreground:  npm run build && DASHBOARD_CONFIG=${JSON.stringify(r.configPath)} npm start
Sign in for rebuilds with the password in ${r.passwordFile}.`);
  process.exitCode = 0;
} catch (e) {
  if (!(e instanceof SetupError)) throw e;
  console.error(`setup: ${e.message}`);
  process.exitCode = 1;
} finally {
  rl?.close();
}

// `npm run setup`: ask (or take from flags) what the config needs, check it against this Mac,
// write the password file and the config, and validate the result with the server's parser.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { renderConfig } from './config-text.mjs';
import { checkConfig, defaultConfigPath, expandPath, homeDir } from './dashboard-config.mjs';
import { checkFlake, defaultMachine, describeOrb, discoverOrb, machineAddress, machineProblem } from './setup-lab.mjs';

const repoDocs = path.resolve(import.meta.dirname, '../../docs');

export class SetupError extends Error {}

export function defaultDataDir(env = process.env, platform = process.platform) {
  if (platform === 'darwin') return path.join(homeDir(env), 'Library/Application Support/mini-vm-dashboard');
  return path.join(env.XDG_DATA_HOME || path.join(homeDir(env), '.local/share'), 'mini-vm-dashboard');
}

/** A value from its flag, else asked for (or its default without a terminal), until `check` passes. */
async function value(io, { flag, given, question, fallback, check = () => null }) {
  for (;;) {
    let v = given ?? (io.interactive ? await io.ask(question, fallback) : fallback);
    if (v === undefined || v === '') {
      if (!io.interactive) throw new SetupError(`--${flag} is required with --non-interactive`);
      continue;
    }
    v = String(v).trim();
    const problem = await check(v);
    if (!problem) return v;
    if (!io.interactive || given !== undefined) throw new SetupError(`--${flag} ${v}: ${problem}`);
    io.log(`  ${problem}`);
  }
}

function hasMarkdown(dir) {
  try {
    return fs.readdirSync(dir).some((f) => f.endsWith('.md'));
  } catch {
    return false;
  }
}

/** Create the password file with a generated password when it does not exist; never overwrite it. */
export function ensurePasswordFile(file) {
  if (fs.existsSync(file)) {
    const { mode, size } = fs.statSync(file);
    if (size === 0) throw new SetupError(`${file} is empty: put the admin password in it, or remove it to have one generated`);
    return { created: false, note: mode & 0o077 ? `${file} can be read by others: chmod 600 it` : undefined };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(file, 0o600); // whatever the umask
  return { created: true };
}

/** Write through a temporary file, checked with the server's own parser before it takes the name. */
async function writeConfig(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.setup-${process.pid}`;
  fs.writeFileSync(tmp, text, { mode: 0o644 });
  const check = await checkConfig(tmp);
  if (!check.ok) {
    fs.rmSync(tmp, { force: true });
    throw new SetupError(`the config setup made does not validate (please report this): ${check.message}`);
  }
  fs.renameSync(tmp, file);
}

async function ask(opts, io, orb) {
  const exp = (p) => expandPath(p, io.env);
  const machine = await value(io, { flag: 'machine', given: opts.machine, question: 'Machine (as orb lists it)', fallback: defaultMachine(orb), check: (m) => machineProblem(m, orb) });
  let flakeCheck;
  const flake = exp(await value(io, { flag: 'flake', given: opts.flake, question: `Flake folder for ${machine} (where its flake.nix is)`, check: async (d) => (flakeCheck = await checkFlake(exp(d), machine, orb)).problem }));
  const passwordFile = exp(await value(io, { flag: 'password-file', given: opts['password-file'], question: 'Admin password file (generated when missing)', fallback: path.join(homeDir(io.env), '.config/mini-vm-dashboard/password') }));
  const dataDir = exp(await value(io, { flag: 'data-dir', given: opts['data-dir'], question: 'Data folder (history, rebuild logs)', fallback: defaultDataDir(io.env) }));
  const docsFallback = hasMarkdown(path.join(flake, 'docs')) ? path.join(flake, 'docs') : repoDocs;
  const docsDir = exp(await value(io, { flag: 'docs-dir', given: opts['docs-dir'], question: 'Docs folder (markdown)', fallback: docsFallback, check: (d) => (fs.existsSync(exp(d)) ? null : 'no such folder') }));
  const vmHost = await value(io, { flag: 'vm-host', given: opts['vm-host'], question: `Where this Mac reaches ${machine}'s services`, fallback: `${machine}.orb.local`, check: (h) => (/^[A-Za-z0-9.-]{1,253}$/.test(h) ? null : 'a host name or IPv4 address') });
  return { machine, flake, flakeCheck, passwordFile, dataDir, docsDir, vmHost };
}

/**
 * @param opts flag values (strings), `force`
 * @param io { interactive, ask(question, fallback), log(line), env }
 */
export async function runSetup(opts, io) {
  const configPath = expandPath(await value(io, { flag: 'config', given: opts.config, question: 'Config file to write', fallback: defaultConfigPath(io.env) }), io.env);
  if (fs.existsSync(configPath) && !opts.force) throw new SetupError(`${configPath} already exists; run again with --force to overwrite it`);
  const orb = await discoverOrb(io.env);
  io.log(`orb: ${describeOrb(orb)}`);
  const a = await ask(opts, io, orb);
  io.log(`flake: ${a.flake}/flake.nix on ${a.flakeCheck.where}${a.flakeCheck.entry === 'found' ? `, with an entry for ${a.machine}` : ''}`);
  if (a.flakeCheck.note) io.log(`  note: ${a.flakeCheck.note}`);
  const password = ensurePasswordFile(a.passwordFile);
  io.log(password.created ? `password: generated into ${a.passwordFile} (mode 0600)` : `password: keeping ${a.passwordFile}`);
  if (password.note) io.log(`  note: ${password.note}`);
  const address = await machineAddress(orb, a.machine);
  const text = renderConfig({ ...a, orbBin: orb.viaEnv ? orb.bin : undefined, orbFound: orb.bin ?? undefined, expectedAddress: address });
  await writeConfig(configPath, text);
  io.log(`config: wrote ${configPath}; the server's own parser accepts it`);
  return { configPath, ...a, passwordCreated: password.created };
}

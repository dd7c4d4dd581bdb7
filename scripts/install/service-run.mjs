// `npm run service -- <command>`: install, uninstall, start, stop, restart, status, logs of the
// dashboard's login service. Every external step is an argv array; --dry-run prints them instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { buildIfNeeded, buildState } from '../build-state.mjs';
import { checkConfig } from './dashboard-config.mjs';
import { launchctl, renderPlist, summarizeLaunchctl } from './launchd.mjs';
import { health, listenOf, replaceFile } from './service-files.mjs';
import { serviceSpec } from './service-spec.mjs';
import { renderUnit, systemctl } from './systemd.mjs';

export class ServiceError extends Error {}

/** Runs (or, dry, prints) one command. `quiet` captures output instead of showing it. */
export function runner({ dryRun, log }) {
  return (argv, { quiet = true } = {}) => {
    if (dryRun) {
      log(`would run: ${argv.join(' ')}`);
      return { code: 0, stdout: '', stderr: '' };
    }
    const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 60_000, stdio: quiet ? 'pipe' : 'inherit' });
    if (r.error?.code === 'ENOENT') return { code: null, missing: true, stdout: '', stderr: `${argv[0]} not found` };
    return { code: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '').trim() || (r.error?.message ?? '') };
  };
}

const must = (r, what) => {
  if (r.code !== 0) throw new ServiceError(`${what} failed${r.code === null ? '' : ` (exit ${r.code})`}: ${r.stderr || r.stdout.trim() || 'no output'}`);
  return r;
};

async function validConfig(spec, log) {
  const c = await checkConfig(spec.env.DASHBOARD_CONFIG);
  if (!c.ok) throw new ServiceError(`refusing: the server would not start with this config.\n${c.message}`);
  log(`config: ${spec.env.DASHBOARD_CONFIG} (valid)`);
}

function build(ctx) {
  if (ctx.noBuild) return;
  if (ctx.dryRun) return ctx.log(buildState().current ? 'build: current' : 'would build: the build is missing or older than the sources');
  try {
    buildIfNeeded({ log: ctx.log });
  } catch (e) {
    throw new ServiceError(e.message);
  }
}

/** Before anything is written: is there a service manager to hand the service to? */
function requireManager(ctx) {
  if (ctx.dryRun) return;
  if (ctx.spec.platform === 'darwin') {
    if (ctx.run(['launchctl', 'help']).missing) throw new ServiceError('launchctl not found: --platform darwin installs a LaunchAgent, which needs macOS');
    return;
  }
  const r = ctx.run(systemctl.available());
  if (r.missing) throw new ServiceError('systemctl not found: this host has no systemd; start the server some other way (npm start)');
  if (r.code !== 0) {
    throw new ServiceError(`no systemd user instance to install into (systemctl --user: ${r.stderr || `exit ${r.code}`}).\n` +
      `Log in to a session of ${ctx.spec.user} (not only su/sudo), or on a headless host run \`loginctl enable-linger ${ctx.spec.user}\` as root, then try again. Nothing was written.`);
  }
}

function writeServiceFile(ctx, text) {
  if (ctx.dryRun) {
    ctx.log(`would write ${ctx.spec.file}:\n${text}`);
    return { undo() {} };
  }
  if (ctx.spec.logDir) fs.mkdirSync(ctx.spec.logDir, { recursive: true });
  const w = replaceFile(ctx.spec.file, text);
  ctx.log(`wrote ${ctx.spec.file}`);
  return w;
}

async function install(ctx) {
  const { spec, run, log } = ctx;
  await validConfig(spec, log);
  requireManager(ctx);
  build(ctx);
  log(spec.orbBin ? `orb: ${spec.orbBin} (its folder is on the service's PATH)` : 'note: orb was not found in the usual places; the dashboard will say so until OrbStack is installed');
  const darwin = spec.platform === 'darwin';
  if (darwin && ctx.dryRun) log(`would run first, if an older one is loaded: ${launchctl.unload(spec).join(' ')}`);
  else if (darwin && run(launchctl.loaded(spec)).code === 0) must(run(launchctl.unload(spec)), 'launchctl bootout (the old one)');
  const written = writeServiceFile(ctx, darwin ? renderPlist(spec) : renderUnit(spec));
  try {
    if (darwin) must(run(launchctl.load(spec)), 'launchctl bootstrap');
    else {
      must(run(systemctl.reload()), 'systemctl --user daemon-reload');
      must(run(systemctl.load()), 'systemctl --user enable --now');
    }
  } catch (e) {
    written.undo();
    if (!darwin) run(systemctl.reload());
    throw new ServiceError(`${e.message}\nThe service file was put back as it was.`);
  }
  if (ctx.dryRun) return log('dry run: nothing was written or run');
  log(`installed: starts now and at every login; listening on ${spec.host}:${spec.port}. Check it: npm run service -- status`);
  if (!darwin) lingerNote(ctx);
}

function lingerNote({ run, spec, log, dryRun }) {
  const r = dryRun ? { code: 1 } : run(systemctl.linger(spec));
  if (r.code === 0 && r.stdout.trim() === 'yes') return;
  log(`note: without a login session the user manager stops at logout. On a headless host: sudo loginctl enable-linger ${spec.user}`);
}

async function uninstall({ spec, run, log, dryRun }) {
  if (spec.platform === 'darwin') run(launchctl.unload(spec));
  else run(systemctl.unload());
  if (dryRun) log(`would remove ${spec.file}`);
  else fs.rmSync(spec.file, { force: true });
  if (spec.platform !== 'darwin') run(systemctl.reload());
  log(dryRun ? 'dry run: nothing changed' : `uninstalled: removed ${spec.file} (logs and data are kept)`);
}

function needInstalled({ spec, dryRun }) {
  if (!dryRun && !fs.existsSync(spec.file)) throw new ServiceError(`not installed (no ${spec.file}); run: npm run service -- install`);
}

async function restart(ctx) {
  needInstalled(ctx);
  await validConfig(ctx.spec, ctx.log);
  build(ctx);
  const { spec, run } = ctx;
  if (spec.platform !== 'darwin') return must(run(systemctl.restart()), 'systemctl --user restart');
  // kickstart needs it loaded; after a stop it is not.
  if (!ctx.dryRun && run(launchctl.loaded(spec)).code !== 0) return must(run(launchctl.load(spec)), 'launchctl bootstrap');
  must(run(launchctl.restart(spec)), 'launchctl kickstart -k');
}

async function status(ctx) {
  const { spec, run, log } = ctx;
  needInstalled(ctx);
  if (spec.platform === 'darwin') {
    const r = run(launchctl.status(spec));
    const s = r.code === 0 ? summarizeLaunchctl(r.stdout) : null;
    log(s ? `launchd: ${s.state ?? '?'}${s.pid ? `, pid ${s.pid}` : ''}${s.lastExit ? `, last exit ${s.lastExit}` : ''}${s.runs ? `, ${s.runs} run(s)` : ''}` : 'launchd: not loaded (npm run service -- start)');
  } else run(systemctl.status(), { quiet: false });
  const listen = listenOf(spec.file);
  if (listen && !ctx.dryRun) {
    const h = await health(listen);
    log(`health: ${h.url} → ${h.ok ? 'answers' : `no answer (${h.text})`}`);
  }
}

const startStop = (which) => (ctx) => {
  needInstalled(ctx);
  const { spec, run } = ctx;
  if (spec.platform !== 'darwin') return must(run(systemctl[which]()), `systemctl --user ${which}`);
  must(run(which === 'start' ? launchctl.load(spec) : launchctl.unload(spec)), `launchctl ${which === 'start' ? 'bootstrap' : 'bootout'}`);
};

const logs = (ctx) => {
  const tool = ctx.spec.platform === 'darwin' ? launchctl : systemctl;
  ctx.run(tool.logs(ctx.spec, ctx), { quiet: false });
};

export const commands = { install, uninstall, start: startStop('start'), stop: startStop('stop'), restart, status, logs };

/** @param o {{ command, platform, config, host, port, dryRun, noBuild, lines, follow, log }} */
export async function runService(o) {
  const spec = serviceSpec({ platform: o.platform, config: o.config, host: o.host, port: o.port, env: o.env });
  const ctx = { ...o, spec, run: o.run ?? runner(o) };
  await commands[o.command](ctx);
}

#!/usr/bin/env node
// `npm run service -- install|uninstall|start|stop|restart|status|logs`: the dashboard as a login
// service, a LaunchAgent on macOS or a systemd user unit on Linux.
import { parseArgs } from 'node:util';
import { configPathFrom } from './install/dashboard-config.mjs';
import { commands, runService, ServiceError } from './install/service-run.mjs';

const usage = `Usage: npm run service -- <${Object.keys(commands).join('|')}> [options]
  --config <file>     the dashboard config (default: DASHBOARD_CONFIG, then ~/.config/mini-vm-dashboard/config.yaml)
  --platform <p>      darwin (a LaunchAgent) or linux (a systemd user unit); default: this machine's
  --host <addr>       where the server listens (default: HOST, then 0.0.0.0)
  --port <n>          its port (default: PORT, then 3000)
  --dry-run           print what would be written and run, change nothing
  --no-build          do not build first, even when the build is older than the sources
  --lines <n>         logs: how many lines (default 100); --follow to keep reading`;

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      platform: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'no-build': { type: 'boolean' },
      lines: { type: 'string', default: '100' },
      follow: { type: 'boolean', short: 'f' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (e) {
  console.error(`${e.message}\n\n${usage}`);
  process.exit(2);
}
const { values: v, positionals } = parsed;
const command = positionals[0];
const platform = v.platform ?? (process.platform === 'darwin' ? 'darwin' : 'linux');
const host = v.host ?? process.env.HOST;
const port = v.port ?? process.env.PORT;
function argProblem() {
  if (!Object.hasOwn(commands, command ?? '')) return `unknown command ${command ?? '(none)'}`;
  if (!['darwin', 'linux'].includes(platform)) return `--platform must be darwin or linux, not ${platform}`;
  if (host && !/^[A-Za-z0-9.:-]{1,253}$/.test(host)) return `--host (or HOST) must be an address or a host name, not ${host}`;
  if (port && !/^\d{1,5}$/.test(port)) return `--port (or PORT) must be a number, not ${port}`;
  if (!/^\d+$/.test(v.lines)) return `--lines must be a number, not ${v.lines}`;
  return null;
}
const problem = v.help ? null : argProblem();
if (v.help || problem) {
  if (problem) console.error(`service: ${problem}\n`);
  (problem ? console.error : console.log)(usage);
  process.exit(problem ? 2 : 0);
}

try {
  await runService({
    command,
    platform,
    config: configPathFrom(v.config),
    host: v.host,
    port: v.port,
    dryRun: v['dry-run'] ?? false,
    noBuild: v['no-build'] ?? false,
    lines: Number(v.lines),
    follow: v.follow ?? false,
    log: (line) => console.log(line),
  });
} catch (e) {
  if (!(e instanceof ServiceError)) throw e;
  console.error(`service: ${e.message}`);
  process.exitCode = 1;
}

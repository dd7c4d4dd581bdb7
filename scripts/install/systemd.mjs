// The systemd user unit, for a Linux host (NixOS or Debian, like bee): ~/.config/systemd/user.
import { UNIT } from './service-spec.mjs';

/** One ExecStart/Environment word, quoted the way systemd reads it; % and $ are escaped. */
export function systemdWord(s) {
  const v = String(s).replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function renderUnit(spec) {
  const env = Object.entries(spec.env).filter(([k]) => k !== 'HOME').map(([k, v]) => `Environment=${systemdWord(`${k}=${v}`)}`);
  return `# Written by \`npm run service -- install\`; \`npm run service -- uninstall\` removes it.
[Unit]
Description=mini-vm dashboard

[Service]
Type=simple
WorkingDirectory=${systemdWord(spec.cwd)}
${env.join('\n')}
ExecStart=${spec.argv.map(systemdWord).join(' ')}
Restart=on-failure
RestartSec=10
# 78: the config is invalid; restarting cannot help (the journal has the line naming the field).
RestartPreventExitStatus=78

[Install]
WantedBy=default.target
`;
}

const ctl = (...args) => ['systemctl', '--user', ...args];

export const systemctl = {
  available: () => ctl('show-environment'),
  reload: () => ctl('daemon-reload'),
  load: () => ctl('enable', '--now', UNIT),
  unload: () => ctl('disable', '--now', UNIT),
  start: () => ctl('start', UNIT),
  stop: () => ctl('stop', UNIT),
  restart: () => ctl('restart', UNIT),
  status: () => ctl('status', '--no-pager', '--lines=0', UNIT),
  logs: (_spec, { lines, follow }) => ['journalctl', '--user', '-u', UNIT, '-n', String(lines), '--no-pager', ...(follow ? ['-f'] : [])],
  linger: (spec) => ['loginctl', 'show-user', spec.user, '--property=Linger', '--value'],
};

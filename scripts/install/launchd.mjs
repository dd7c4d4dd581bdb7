// The LaunchAgent: a plist in ~/Library/LaunchAgents, loaded into this user's GUI session with
// launchctl bootstrap / bootout / kickstart / print (the launchctl 2 verbs).
import { LABEL } from './service-spec.mjs';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const str = (s) => `<string>${esc(s)}</string>`;

// No "--" in the XML comments below: a comment holding one is not well-formed XML, and launchd rejects the file.
export function renderPlist(spec) {
  const env = Object.entries(spec.env).map(([k, v]) => `      <key>${esc(k)}</key>${str(v)}`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Written by scripts/service.mjs install; scripts/service.mjs uninstall removes it. -->
<plist version="1.0">
  <dict>
    <key>Label</key>${str(LABEL)}
    <key>ProgramArguments</key>
    <array>
${spec.argv.map((a) => `      ${str(a)}`).join('\n')}
    </array>
    <key>WorkingDirectory</key>${str(spec.cwd)}
    <key>EnvironmentVariables</key>
    <dict>
${env.join('\n')}
    </dict>
    <key>RunAtLoad</key><true/>
    <!-- Restarted when it exits with an error; a clean exit (or bootout) stays stopped. -->
    <key>KeepAlive</key>
    <dict><key>SuccessfulExit</key><false/></dict>
    <key>ThrottleInterval</key><integer>10</integer>
    <key>StandardOutPath</key>${str(`${spec.logDir}/dashboard.log`)}
    <key>StandardErrorPath</key>${str(`${spec.logDir}/dashboard.err.log`)}
  </dict>
</plist>
`;
}

const domain = (spec) => `gui/${spec.uid}`;
const target = (spec) => `${domain(spec)}/${LABEL}`;

/** The launchctl argv for each step; the caller runs them (or prints them with --dry-run). */
export const launchctl = {
  loaded: (spec) => ['launchctl', 'print', target(spec)],
  load: (spec) => ['launchctl', 'bootstrap', domain(spec), spec.file],
  unload: (spec) => ['launchctl', 'bootout', target(spec)],
  restart: (spec) => ['launchctl', 'kickstart', '-k', target(spec)],
  status: (spec) => ['launchctl', 'print', target(spec)],
  logs: (spec, { lines, follow }) => ['tail', '-n', String(lines), ...(follow ? ['-F'] : []), `${spec.logDir}/dashboard.log`, `${spec.logDir}/dashboard.err.log`],
};

/** The few lines of `launchctl print` that say how it is doing. */
export function summarizeLaunchctl(text) {
  const pick = (re) => re.exec(text)?.[1]?.trim();
  return { state: pick(/^\s*state = (.+)$/m), pid: pick(/^\s*pid = (\d+)$/m), lastExit: pick(/^\s*last exit code = (.+)$/m), runs: pick(/^\s*runs = (\d+)$/m) };
}

// The fake orb client when the lab says a VM command outlives it: the command runs in a session
// of its own, so a signal to this client's process group does not reach it. The client passes
// the command's output and exit code through, and ends alone when it is killed.
import { spawn } from 'node:child_process';

const [bin, ...args] = process.argv.slice(2);
const child = spawn(bin, args, { detached: true, stdio: 'inherit' });
child.on('error', (e) => {
  console.error(`${bin}: ${e.code ?? e.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15)));
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => process.exit(128 + 15));

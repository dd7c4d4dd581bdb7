// For `npm run doctor`: does killing the `orb` client end the command it runs inside the VM?
// (reference/verify-on-the-mac.md; the dashboard's job runner checks inside the VM either way, and
// this says which case the Mac is in.) It starts one `sleep` with a duration no one else uses,
// signals the orb client's process group as the dashboard's cancel does, looks for the sleep
// inside the VM, and stops what is left of it by pid.
import { spawn } from 'node:child_process';

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/** pids of `sleep <seconds>` inside the machine, from pgrep -af. */
async function sleepers(run, orb, machine, seconds) {
  const r = await run(orb, ['-m', machine, 'pgrep', '-af', `^sleep ${seconds}$`]);
  return r.text.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => /^\d+$/.test(f[0]) && f[1] === 'sleep').map((f) => f[0]);
}

async function once(run, orb, machine, signal, seconds) {
  const client = spawn(orb, ['-m', machine, 'sleep', String(seconds)], { detached: true, stdio: 'ignore' });
  const exited = new Promise((r) => client.once('exit', (code, sig) => r(sig ?? `exit ${code}`)));
  await wait(3000);
  const before = await sleepers(run, orb, machine, seconds);
  try {
    process.kill(-client.pid, signal);
  } catch {
    /* already gone: reported below */
  }
  const how = await Promise.race([exited, wait(5000).then(() => 'still running after 5 s')]);
  await wait(2000);
  const after = await sleepers(run, orb, machine, seconds);
  // Leave nothing behind: the client's group, then the sleep inside the VM by its pid.
  try {
    process.kill(-client.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  if (after.length) await run(orb, ['-m', machine, 'kill', ...after]);
  const verdict = before.length === 0 ? 'could not tell (the sleep was not seen inside the VM before the kill)'
    : after.length ? `the command inside the VM OUTLIVED the orb client (pid ${after.join(', ')} still ran; stopped now)`
      : 'the command inside the VM ended with the orb client';
  return `${signal} to the orb client's process group: client ${how}; inside ${machine}: ${before.length ? `sleep pid ${before.join(', ')}` : 'none seen'} before, ${after.length ? `pid ${after.join(', ')}` : 'none'} 2 s after.\n=> ${verdict}`;
}

/** The report section's text: one paragraph per signal the dashboard sends (SIGTERM, then SIGKILL). */
export async function orbKillCheck(run, orb, machine) {
  const lines = [];
  for (const [i, signal] of ['SIGTERM', 'SIGKILL'].entries()) lines.push(await once(run, orb, machine, signal, 3111 + i));
  return { code: null, text: lines.join('\n\n') };
}

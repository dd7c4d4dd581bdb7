import fs from 'node:fs';
import path from 'node:path';

// The simulated VM's process table, as far as the demo needs one: the fake nixos-rebuild writes
// a record while it runs, and the fake pgrep reads them. A record left by a killed process is
// ignored (and removed) once its pid is gone.

const dirOf = (stateDir) => path.join(stateDir, 'vm-procs');

function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== 'EPERM') return false;
  }
  // Where /proc exists, a reused pid belongs to some other program: not ours.
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('vm-bin/');
  } catch (e) {
    return e.code !== 'ENOENT' || !fs.existsSync('/proc/self');
  }
}

/** Every simulated VM process still running: { pid, argv }. */
export function listProcesses(stateDir) {
  let names = [];
  try {
    names = fs.readdirSync(dirOf(stateDir)).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const file = path.join(dirOf(stateDir), n);
    try {
      const p = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (alive(p.pid)) return [p];
      fs.rmSync(file, { force: true });
    } catch {
      /* half-written or gone */
    }
    return [];
  });
}

/** Show this process in the simulated VM's process table until it exits. */
export function advertise(stateDir, argv) {
  const file = path.join(dirOf(stateDir), `${process.pid}.json`);
  fs.mkdirSync(dirOf(stateDir), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, argv, startedAt: Date.now() }));
  process.on('exit', () => fs.rmSync(file, { force: true }));
}

/**
 * What must never happen: two activations at once. A switch that starts while another runs is
 * written down, so a test can assert that none ever did.
 */
export function noteOverlap(stateDir, argv) {
  const others = listProcesses(stateDir).filter((p) => p.pid !== process.pid && p.argv[1] === 'switch');
  if (others.length === 0) return;
  const line = JSON.stringify({ pid: process.pid, argv, others: others.map((o) => o.pid), at: Date.now() });
  fs.appendFileSync(path.join(stateDir, 'rebuild-overlaps'), `${line}\n`);
}

export function readOverlaps(stateDir) {
  try {
    return fs.readFileSync(path.join(stateDir, 'rebuild-overlaps'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}

// The part of `npm run doctor` about installing: does the flake's package really build here (this
// machine cannot fetch nixpkgs, so only the Mac can tell), and what launchd says of the service.
// It builds and reads; it never installs, loads or starts anything.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const flakeArgs = ['--extra-experimental-features', 'nix-command flakes', '--no-write-lock-file'];

function nixBin() {
  for (const p of ['/nix/var/nix/profiles/default/bin/nix', '/run/current-system/sw/bin/nix', path.join(os.homedir(), '.nix-profile/bin/nix')]) {
    if (fs.existsSync(p)) return p;
  }
  return 'nix';
}

/** @param run (bin, args, timeoutMs) → {code, text}; @param record (title, result) */
export async function installChecks(run, record) {
  const nix = nixBin();
  const version = await run(nix, ['--version']);
  await record('nix --version', version);
  if (version.code === 0) {
    // Evaluates every output, the darwin and NixOS modules included, without building.
    await record('nix flake check --no-build (the flake and its modules evaluate)', await run(nix, ['flake', 'check', '--no-build', ...flakeArgs, root], 10 * 60_000));
    const build = await run(nix, ['build', `${root}#default`, '--no-link', '--print-out-paths', '-L', ...flakeArgs], 60 * 60_000);
    await record('nix build .#default (the package, better-sqlite3 compiled; the end of the log)', build);
    const out = build.code === 0 ? build.text.trim().split('\n').pop() : null;
    if (out?.startsWith('/nix/store/')) {
      const app = path.join(out, 'lib/node_modules/mini-vm-dashboard');
      const files = ['bin/mini-vm-dashboard', 'lib/node_modules/mini-vm-dashboard/.next/BUILD_ID'].map((f) => `${f}: ${fs.existsSync(path.join(out, f)) ? 'present' : 'MISSING'}`);
      await record('the built package', await run('find', [path.join(app, 'node_modules/better-sqlite3'), '-name', '*.node']).then((r) => ({ code: r.code, text: `${files.join('\n')}\nnative addon:\n${r.text}` })));
    }
  }
  const uid = process.getuid?.() ?? 0;
  await record('launchctl print gui/<uid>/lan.mini-vm.dashboard (after npm run service -- install)', await run('launchctl', ['print', `gui/${uid}/lan.mini-vm.dashboard`]));
}

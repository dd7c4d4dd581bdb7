import fs from 'node:fs';
import { flakeSteps, stepSystems, workingTreeChange, applyChanges } from '../vm-bin/nix-history.mjs';
import { PACKAGES_FILE } from '../vm-bin/nix-eval.mjs';
import { fallbackRevisions } from '../vm-bin/nix-store.mjs';
import { git, importCommits, initRepo, writeFiles } from './git.mjs';

// The demo's flake: a real git checkout in the lab's state folder, one commit a step of
// demo/vm-bin/nix-history.mjs (the running system is an older one, so commits are not
// deployed), plus an uncommitted change in two files.

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

const flakeNix = `{
  description = "mini-vm: Jellyfin and Matrix Synapse under OrbStack";
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.05";
  inputs.sops-nix = { url = "github:Mic92/sops-nix"; inputs.nixpkgs.follows = "nixpkgs"; };
  outputs = { self, nixpkgs, sops-nix }: {
    nixosConfigurations.mini-vm = nixpkgs.lib.nixosSystem {
      system = "aarch64-linux";
      modules = [
        ./hosts/mini-vm
        sops-nix.nixosModules.sops
        { system.configurationRevision = self.rev or self.dirtyRev or null; }
      ];
    };
  };
}
`;

function flakeLock(nixpkgsRev, nixpkgsTime, now) {
  const gh = (owner, repo, rev, t) => ({ locked: { lastModified: Math.floor(t / 1000), narHash: `sha256-${rev.slice(0, 43)}=`, owner, repo, rev, type: 'github' }, original: { owner, repo, type: 'github' } });
  const sops = { ...gh('Mic92', 'sops-nix', '3f0e2a9c1b7d5e8f4a6c2b0d9e1f3a5c7b9d0e2f', now - 75 * DAY), inputs: { nixpkgs: ['nixpkgs'] } };
  const nodes = { nixpkgs: gh('NixOS', 'nixpkgs', nixpkgsRev, nixpkgsTime), 'sops-nix': sops, root: { inputs: { nixpkgs: 'nixpkgs', 'sops-nix': 'sops-nix' } } };
  return `${JSON.stringify({ nodes, root: 'root', version: 7 }, null, 2)}\n`;
}

const host = (lines) => `{ ... }: {\n  imports = [ ./media.nix ./matrix.nix ];\n  networking.hostName = "mini-vm";\n${lines}}\n`;
const media = (extra = '') => `{ pkgs, ... }: {\n  services.jellyfin = { enable = true; openFirewall = true; };\n${extra}}\n`;
const matrix = (extra = '') => `{ ... }: {\n  services.matrix-synapse.enable = true;\n  services.postgresql.enable = true;\n${extra}}\n`;
const bridge = '  services.mautrix-telegram.enable = true;\n';
const vaapi = '  hardware.graphics.extraPackages = [ pkgs.intel-media-driver ];\n';
const caddy = '  services.caddy.virtualHosts."jellyfin.mini.lan".extraConfig = "reverse_proxy 127.0.0.1:8096";\n';

/** The files each step changes besides demo-packages.json (and flake.lock on updates). */
const stepFiles = [
  { 'flake.nix': flakeNix, 'hosts/mini-vm/default.nix': host(''), 'hosts/mini-vm/media.nix': media(), 'hosts/mini-vm/matrix.nix': matrix() },
  { 'hosts/mini-vm/matrix.nix': matrix(bridge) },
  {},
  { 'hosts/mini-vm/media.nix': media(vaapi) },
  { 'hosts/mini-vm/media.nix': media(vaapi + caddy) },
  {},
  { 'hosts/mini-vm/matrix.nix': matrix(), 'hosts/mini-vm/media.nix': media(vaapi.replace('];', '];\n  # jellyfin-ffmpeg 7.0.2-9 breaks VA-API here: pinned to 7.0.2-8') + caddy) },
];

export const packagesFile = (system) => `${JSON.stringify({ about: 'Stands for the evaluation in the demo: the fake nix builds a system holding these.', ...system }, null, 2)}\n`;

function commits(now) {
  return stepSystems().map((system, i) => {
    const step = flakeSteps[i];
    const when = now - step.hoursAgo * HOUR;
    const lock = i === 0 || step.subject.startsWith('flake.lock') ? { 'flake.lock': flakeLock(system.nixpkgsRevision, when - 2 * DAY, now) } : {};
    return { subject: step.subject, when, files: { ...stepFiles[i], ...lock, [PACKAGES_FILE]: packagesFile(system) } };
  });
}

/** The uncommitted change: one more line in media.nix, and what it does to the system. */
function dirtyTree(dir, last) {
  const packages = applyChanges(last.packages, workingTreeChange);
  writeFiles(dir, { [PACKAGES_FILE]: packagesFile({ ...last, packages }) });
  fs.appendFileSync(`${dir}/hosts/mini-vm/media.nix`, '# TODO: move the media library to the external disk\n');
}

/**
 * (Re)make the checkout in `dir`. Its commit hashes, oldest first, and `now`, the time the
 * history was laid out from. Without git the files are there but not a checkout (and the
 * hashes are stand-ins, in no repository).
 */
export function createFlakeRepo(dir, now = Date.now()) {
  fs.rmSync(dir, { recursive: true, force: true });
  const list = commits(now);
  try {
    initRepo(dir);
    const revisions = importCommits(dir, list);
    dirtyTree(dir, stepSystems().at(-1));
    return { dir, now, revisions };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const c of list) writeFiles(dir, c.files);
    return { dir, now, revisions: fallbackRevisions(), problem: `the demo flake is not a git checkout: ${String(e.message ?? e).split('\n')[0]}` };
  }
}

/** Back to how createFlakeRepo left it (cheaper than making it again): HEAD, files, the change. */
export function restoreFlakeRepo(repo) {
  if (repo.problem) return createFlakeRepo(repo.dir, repo.now);
  git(repo.dir, ['reset', '-q', '--hard', repo.revisions.at(-1)]);
  git(repo.dir, ['clean', '-q', '-fdx']);
  dirtyTree(repo.dir, stepSystems().at(-1));
  return repo;
}

// The demo flake's history: what the system each commit describes holds. The lab turns these
// steps into real git commits (demo/lab/flake-repo.mjs) and the first four into the VM's
// generations 40-43; the fake nix builds whatever the checkout's demo-packages.json says.

const KiB = 1024;
const MiB = 1024 * KiB;
const pkg = (name, version, size) => ({ name, version, size: Math.round(size) });

const base = [
  pkg('acl', '2.3.2', 312 * KiB),
  pkg('bash', '5.2p37', 1.7 * MiB),
  pkg('coreutils', '9.6', 7.9 * MiB),
  pkg('dotnet-runtime', '8.0.14', 72.5 * MiB),
  pkg('etc', '', 412 * KiB),
  pkg('glibc', '2.40-66', 30.1 * MiB),
  pkg('icu4c', '76.1', 36 * MiB),
  pkg('jellyfin', '10.10.5', 148.2 * MiB),
  pkg('jellyfin-ffmpeg', '7.0.2-9', 97.6 * MiB),
  pkg('jellyfin-web', '10.10.5', 55.3 * MiB),
  pkg('matrix-synapse', '1.128.0', 23.6 * MiB),
  pkg('nix', '2.28.3', 28.7 * MiB),
  pkg('nixos-system-mini-vm', '25.05.20250415.5d1b0b3', 24 * KiB),
  pkg('openssh', '10.0p2', 5.6 * MiB),
  pkg('openssl', '3.4.0', 6.8 * MiB),
  pkg('postgresql', '16.8', 58.9 * MiB),
  pkg('python3', '3.12.10', 112.4 * MiB),
  pkg('sqlite', '3.48.0', 2.6 * MiB),
  pkg('system', '', 196 * KiB),
  pkg('systemd', '257.5', 27.4 * MiB),
  pkg('util-linux', '2.41', 12.1 * MiB),
];

const nixpkgs = {
  '5d1b0b3': '5d1b0b3f2a8c41e97d6b0c3a5e8f1d2c4b6a7e90',
  '98ff3f9': '98ff3f9af2684f1f2b4ba2ae9b1d5f3c1e1a2b3c',
  c2a0381: 'c2a03816d4e7b9f05a1c3e8d2b6f4a7c9e0d1b35',
};

/**
 * Each step: a commit's subject, its age, and what it changes in the package set (a package by
 * name: its new [version, size] or several, or null to remove it). deployedAs: the generation
 * built from it; dirty when it was built with uncommitted changes; builtOnly: in the store only.
 */
export const flakeSteps = [
  { subject: 'mini-vm: Jellyfin and Synapse on NixOS 25.05', hoursAgo: 60 * 24, nixpkgs: '5d1b0b3', deployedAs: 40, changes: {} },
  {
    subject: 'synapse: bridge Telegram with mautrix-telegram',
    hoursAgo: 45 * 24, nixpkgs: '5d1b0b3', deployedAs: 41, dirty: true,
    changes: { 'mautrix-telegram': ['0.15.2', 9.1 * MiB], 'python3.12-telethon': ['1.39.0', 3.2 * MiB], etc: ['', 428 * KiB], system: ['', 204 * KiB] },
  },
  {
    subject: 'flake.lock: update nixpkgs',
    hoursAgo: 20 * 24, nixpkgs: '98ff3f9', deployedAs: 42,
    changes: { jellyfin: ['10.10.6', 148.5 * MiB], 'jellyfin-web': ['10.10.6', 55.4 * MiB], 'matrix-synapse': ['1.129.0', 23.8 * MiB], openssl: ['3.4.1', 6.8 * MiB], systemd: ['257.6', 27.5 * MiB] },
  },
  {
    subject: 'jellyfin: hardware transcoding through VA-API',
    hoursAgo: 2 * 24, nixpkgs: '98ff3f9', deployedAs: 43,
    changes: { 'intel-media-driver': ['25.1.4', 18.2 * MiB], libva: ['2.22.0', 1.1 * MiB], etc: ['', 440 * KiB] },
  },
  // Built once with `nixos-rebuild build` and never switched to: garbage for a collection.
  { subject: "caddy: serve Jellyfin under mini's LAN name", hoursAgo: 26, nixpkgs: '98ff3f9', builtOnly: true, changes: { caddy: ['2.10.0', 41.3 * MiB], etc: ['', 449 * KiB] } },
  {
    subject: 'flake.lock: update nixpkgs',
    hoursAgo: 20, nixpkgs: 'c2a0381',
    changes: { jellyfin: ['10.10.7', 148.66 * MiB], 'jellyfin-web': ['10.10.7', 55.5 * MiB], 'matrix-synapse': ['1.131.0', 24.2 * MiB], python3: [['3.11.12', 108.1 * MiB], ['3.13.3', 115 * MiB]] },
  },
  {
    subject: 'drop the Telegram bridge; pin jellyfin-ffmpeg 7.0.2-8',
    hoursAgo: 3, nixpkgs: 'c2a0381',
    changes: { 'mautrix-telegram': null, 'python3.12-telethon': null, 'jellyfin-ffmpeg': ['7.0.2-8', 97.4 * MiB], etc: ['', 433 * KiB] },
  },
];

/** The uncommitted change the demo's checkout starts with: only a bit of /etc grows. */
export const workingTreeChange = { etc: ['', 452 * KiB] };

const nixosVersion = (short) => ({ '5d1b0b3': '25.05.20250415.5d1b0b3', '98ff3f9': '25.05.20250601.98ff3f9', c2a0381: '25.05.20250612.c2a0381' })[short];

/** Apply one step's changes to a package list (sorted by name, then version). */
export function applyChanges(packages, changes) {
  const byName = new Map();
  for (const p of packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  for (const [name, change] of Object.entries(changes)) {
    if (change === null) byName.delete(name);
    else byName.set(name, (Array.isArray(change[0]) ? change : [change]).map(([v, s]) => pkg(name, v, s)));
  }
  return [...byName.values()].flat().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
}

/** What each step's checkout evaluates to: { nixosVersion, nixpkgsRevision, packages } per step. */
export function stepSystems() {
  let packages = base;
  return flakeSteps.map((s) => {
    const v = nixosVersion(s.nixpkgs);
    packages = applyChanges(packages, { ...s.changes, 'nixos-system-mini-vm': [v, 24 * KiB] });
    return { nixosVersion: v, nixpkgsRevision: nixpkgs[s.nixpkgs], packages };
  });
}

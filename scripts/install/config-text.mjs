// The config `npm run setup` writes: every setting the Mac mini needs, with a word on each.
// Strings go out as JSON strings, which YAML reads as double-quoted scalars: no escaping surprises.

const q = (s) => JSON.stringify(s);

/** A rebuild target id (lower-case letters, digits, dashes) for a machine name. */
const targetId = (machine) => machine.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '').slice(0, 40) || 'vm';

/** The services the home lab's document lists, on the address the Mac mini reaches the VM at. */
function services(vmHost) {
  const url = (port) => q(`http://${vmHost}:${port}`);
  return [
    `      - { id: jellyfin, name: Jellyfin, kind: jellyfin, url: ${url(8096)} }`,
    `      - { id: synapse, name: Matrix Synapse, kind: synapse, url: ${url(8008)} }`,
    '      # A mautrix bridge: its appservice port, as its own config says.',
    `      # - { id: telegram, name: Telegram bridge, kind: mautrix-bridge, url: ${url(29317)} }`,
  ];
}

/**
 * @param {{ machine: string, vmHost: string, flake: string, passwordFile: string, dataDir: string,
 *   docsDir: string, orbBin?: string, orbFound?: string, expectedAddress?: string, now?: Date }} s
 */
export function renderConfig(s) {
  const orb = s.orbBin
    ? [`orb: { bin: ${q(s.orbBin)} }`]
    : [`# orb: found at ${s.orbFound ?? '(not found yet)'}; the dashboard looks in the same places by itself.`, '# orb: { bin: /usr/local/bin/orb }'];
  const address = s.expectedAddress
    ? [`    # The VM's address as orb reported it during setup; a change is flagged on the status page.`, `    expectedAddress: ${q(s.expectedAddress)}`]
    : [];
  return [
    `# Written by \`npm run setup\` on ${(s.now ?? new Date()).toISOString().slice(0, 10)}. Every setting: dashboard.config.example.yaml.`,
    'title: mini-vm',
    ...orb,
    'pollIntervalMs: 15000',
    '# The SQLite store, rebuild logs and the session key (`npm run backup` copies them).',
    `dataDir: ${q(s.dataDir)}`,
    '# The markdown docs shown under /docs.',
    `docs: { dir: ${q(s.docsDir)} }`,
    'rebuild:',
    `  # The flake's folder as the VM sees it: OrbStack mounts the Mac's /Users at the same path.`,
    `  flake: ${q(s.flake)}`,
    '  # The admin password that allows rebuilds (one line, mode 0600).',
    `  passwordFile: ${q(s.passwordFile)}`,
    `  # Runs: orb -m ${s.machine} -u root nixos-rebuild switch --flake <flake>#${s.machine} -L`,
    `  targets: [{ id: ${q(targetId(s.machine))}, machine: ${q(s.machine)} }]`,
    'machines:',
    `  - name: ${q(s.machine)}`,
    ...address,
    '    services:',
    ...services(s.vmHost),
    '',
  ].join('\n');
}

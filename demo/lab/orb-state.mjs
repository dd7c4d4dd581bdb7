import fs from 'node:fs';
import path from 'node:path';

/** Conditions the fake orb can be put in; each mimics something reference/orb.md describes. */
export const orbConditions = ['running', 'stopped', 'hang', 'error', 'missing', 'noexec', 'bad-json', 'big', 'unknown-state', 'extra-columns', 'empty'];

const image = (distro, version) => ({ distro, version, arch: 'arm64', variant: 'default' });

function machineRecords(machines, unknownState) {
  return Object.entries(machines).map(([name, m], i) => ({
    id: `01J6BWXMDPEP62ANJWCXN637${i}F`,
    name,
    state: unknownState && name === 'mini-vm' ? 'hibernating' : m.state,
    image: m.image ?? image('nixos', '25.05'),
    config: { isolated: false, default_username: 'ivan' },
    builtin: false,
  }));
}

function table(records, extraColumns) {
  const head = extraColumns ? ['NAME', 'STATE', 'DISTRO', 'VERSION', 'ARCH', 'SIZE', 'IP'] : ['NAME', 'STATE', 'DISTRO', 'VERSION', 'ARCH'];
  const rows = records.map((r) => {
    const base = [r.name, r.state, r.image.distro, r.image.version, r.image.arch];
    return extraColumns ? [...base, '12.4 GB', r.address ?? ''] : base;
  });
  const all = [head, head.map((h) => '-'.repeat(h.length)), ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  return all.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}

let temps = 0;
/**
 * Replace a file in one step: the fake orb may be running (or reading its replies) at this very
 * moment, and must see the old file or the new one, never a half-written one. Overwriting a binary
 * that is being executed would fail outright (ETXTBSY); renaming over it does not.
 */
function replaceFile(file, fill) {
  const tmp = `${file}.tmp-${process.pid}-${temps++}`;
  fill(tmp);
  fs.renameSync(tmp, file);
}
export const writeAtomic = (file, data) => replaceFile(file, (tmp) => fs.writeFileSync(tmp, data));

/** Write the replies the fake orb gives, and put (or take away) the binary itself. */
export function renderOrb(dir, demoRoot, lab) {
  fs.mkdirSync(dir, { recursive: true });
  const write = (name, out, code = 0, err = '') => {
    writeAtomic(path.join(dir, `${name}.out`), out);
    writeAtomic(path.join(dir, `${name}.code`), String(code));
    if (err) writeAtomic(path.join(dir, `${name}.err`), err);
    else fs.rmSync(path.join(dir, `${name}.err`), { force: true });
  };
  const c = lab.orb;
  const records = machineRecords(lab.machines, c === 'unknown-state');
  for (const r of records) r.address = lab.machines[r.name].address;

  if (c === 'stopped') write('status', 'Stopped\n', 1);
  else if (c === 'error') write('status', '', 1, '[-32098] create \'closer\': setup: agent not running\n');
  else write('status', 'Running\n', 0);

  const json = JSON.stringify(records.map(({ address, ...r }) => r), null, 2) + '\n';
  if (c === 'bad-json') write('list-json', '[{"name": "mini-vm", "state": "runn', 0);
  else if (c === 'big') write('list-json', 'x'.repeat(10 * 1024 * 1024), 0);
  else if (c === 'empty') write('list-json', '', 0);
  else if (c === 'extra-columns') write('list-json', '', 1, 'unknown flag: --format\n');
  else write('list-json', json, c === 'stopped' ? 1 : 0);
  write('list-txt', c === 'empty' ? '' : table(records, c === 'extra-columns'), c === 'stopped' ? 1 : 0);

  for (const [name, m] of Object.entries(lab.machines)) {
    writeAtomic(path.join(dir, `machine.${name}.state`), m.state);
    writeAtomic(path.join(dir, `machine.${name}.addr`), m.address ? `${m.address} \n` : '\n');
  }
  fs.writeFileSync(path.join(dir, 'demo-root'), demoRoot);

  const hang = path.join(dir, 'orb.hang');
  if (c === 'hang') fs.writeFileSync(hang, '');
  else fs.rmSync(hang, { force: true });

  const bin = path.join(dir, 'orb');
  if (c === 'missing') fs.rmSync(bin, { force: true });
  else {
    replaceFile(bin, (tmp) => {
      fs.copyFileSync(path.join(demoRoot, 'demo/bin/orb'), tmp);
      fs.chmodSync(tmp, c === 'noexec' ? 0o644 : 0o755);
    });
  }
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { failOnStrayErrors } from './strict-process';

failOnStrayErrors();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-faults-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function load(name: string, text: string | null) {
  const file = path.join(dir, name);
  if (text !== null) fs.writeFileSync(file, text);
  return loadConfig({ ...process.env, DASHBOARD_CONFIG: file });
}

const service = (extra = '') => `machines:\n  - name: mini-vm\n    services:\n      - id: jellyfin\n        name: Jellyfin\n        kind: jellyfin\n        url: http://127.0.0.1:8096\n${extra}`;

// Every bad config is refused with one line that names the file, the line and the field.
const cases: { label: string; name: string; text: string | null; message: RegExp }[] = [
  { label: 'invalid YAML', name: 'a.yaml', text: 'title: [unclosed\nmachines: 1\n', message: /a\.yaml:\d+:\d+: invalid YAML/ },
  { label: 'a wrong type', name: 'b.yaml', text: 'title: ok\npollIntervalMs: "often"\n', message: /b\.yaml:2: pollIntervalMs: .*number/i },
  { label: 'an unknown key', name: 'c.yaml', text: 'title: ok\npolInterval: 5\n', message: /c\.yaml:2: polInterval: .*unrecognized/i },
  { label: 'an unknown key deep inside', name: 'd.yaml', text: service('        colour: red\n'), message: /d\.yaml:8: machines\.0\.services\.0\.colour/ },
  { label: 'a probe URL that is not http', name: 'e.yaml', text: service().replace('http://127.0.0.1:8096', 'file:///etc/passwd'), message: /e\.yaml:7: machines\.0\.services\.0\.url: must be an http/ },
  { label: 'a bad network range', name: 'f.yaml', text: 'allowedNetworks:\n  - 192.168.50.0/24\n  - 10.0.0.0/33\n', message: /f\.yaml:3: allowedNetworks\.1: a CIDR range/ },
  { label: 'a list instead of a mapping', name: 'g.yaml', text: '- a\n- b\n', message: /must be a YAML mapping/ },
  { label: 'a missing file', name: 'missing.yaml', text: null, message: /missing\.yaml: cannot read the config file \(ENOENT\)/ },
  { label: 'a secret file that does not exist', name: 'h.yaml', text: service('        apiKeyFile: ./nope.key\n'), message: /h\.yaml:8: machines\.0\.services\.0\.apiKeyFile: cannot read the secret file \.\/nope\.key \(ENOENT\)/ },
  { label: 'a secret file that is a folder', name: 'i.yaml', text: 'rebuild:\n  passwordFile: .\n', message: /i\.yaml:2: rebuild\.passwordFile: cannot read the secret file \. \(EISDIR\)/ },
];

describe('config faults: refused with the file, the line and the field', () => {
  it.each(cases)('$label', ({ name, text, message }) => {
    let err: unknown;
    try {
      load(name, text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(message);
    expect(msg.split('\n')).toHaveLength(1);
  });

  it('a secret file that cannot be read is refused, naming the field', () => {
    // A folder cannot be read as a file even by root, which CI runs as (mode 000 would not stop root).
    const secret = path.join(dir, 'jellyfin.key.d');
    fs.mkdirSync(secret, { recursive: true });
    expect(() => load('j.yaml', service(`        apiKeyFile: ${secret}\n`))).toThrow(/apiKeyFile: cannot read the secret file .*\(EISDIR\)/);
    expect(() => load('k.yaml', service(`        apiKeyFile: ${secret}-gone\n`))).toThrow(/apiKeyFile: cannot read the secret file .*\(ENOENT\)/);
  });

  it('a good config with a readable secret file loads, with the key read once, here', () => {
    fs.writeFileSync(path.join(dir, 'ok.key'), 'k\n');
    expect(load('ok.yaml', service('        apiKeyFile: ok.key\n')).config.machines[0].services[0]).toMatchObject({ apiKeyFile: 'ok.key', apiKey: 'k' });
  });
});

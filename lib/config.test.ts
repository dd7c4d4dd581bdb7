import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, loadConfig, parseConfig } from './config';

const valid = `
orb: { bin: /usr/local/bin/orb, timeoutMs: 5000 }
pollIntervalMs: 15000
machines:
  - name: mini-vm
    services:
      - { id: jellyfin, name: Jellyfin, kind: jellyfin, url: "http://mini-vm.orb.local:8096", timeoutMs: 3000 }
      - { id: synapse,  name: Matrix Synapse, kind: synapse, url: "http://mini-vm.orb.local:8008" }
      - { id: telegram, name: Telegram bridge, kind: mautrix-bridge, url: "http://mini-vm.orb.local:29317" }
      - { id: web, name: Something else, kind: http, url: "http://example.invalid/", expectStatus: 200 }
`;

function message(text: string): string {
  try {
    parseConfig(text, 'test.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('accepts the documented shape and fills defaults', () => {
    const c = parseConfig(valid, 'test.yaml');
    expect(c.machines[0].services.map((s) => s.id)).toEqual(['jellyfin', 'synapse', 'telegram', 'web']);
    expect(c.machines[0].services[1].timeoutMs).toBe(3000);
    expect(c.failuresBeforeDown).toBe(2);
    // No docs.dir: the docs that ship with the app (lib/docs/store.ts), wherever the config lives.
    expect(c.docs?.dir).toBeUndefined();
  });

  it('built-in defaults name hosts by DNS name only, never by IP literal', () => {
    const c = defaultConfig();
    const urls = c.machines.flatMap((m) => m.services.map((s) => s.url));
    expect(urls).toEqual(['http://mini-vm.orb.local:8096', 'http://mini-vm.orb.local:8008']);
    expect(JSON.stringify(c)).not.toMatch(/\d+\.\d+\.\d+\.\d+/);
  });

  it('names the field and the line of a wrong type', () => {
    expect(message('pollIntervalMs: soon\n')).toBe('test.yaml:1: pollIntervalMs: Invalid input: expected number, received string');
    expect(message(valid.replace('timeoutMs: 3000', 'timeoutMs: "3s"'))).toMatch(/^test\.yaml:7: machines\.0\.services\.0\.timeoutMs: /);
  });

  it('rejects unknown keys, naming them', () => {
    expect(message('machines: []\npollIntervalMS: 5\n')).toMatch(/^test\.yaml:2: pollIntervalMS: Unrecognized key/);
  });

  it('rejects invalid YAML with its position', () => {
    expect(message('machines: [\n  - a\n')).toMatch(/^test\.yaml:\d+:\d+: invalid YAML/);
  });

  it('rejects non-http URLs and duplicate ids', () => {
    expect(message(valid.replace('http://mini-vm.orb.local:8008', 'file:///etc/passwd'))).toMatch(/services\.1\.url: must be an http/);
    expect(message(valid.replace('id: web', 'id: jellyfin'))).toMatch(/duplicate service id "jellyfin"/);
  });

  it('rejects a document that is not a mapping', () => {
    expect(message('- a\n- b\n')).toMatch(/must be a YAML mapping/);
  });

  it('uses the defaults without a file, but a named file must exist', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(loadConfig({}).source).toBe('built-in defaults');
      expect(() => loadConfig({ DASHBOARD_CONFIG: 'nope.yaml' })).toThrow(/cannot read the config file \(ENOENT\)/);
      fs.writeFileSync('c.yaml', valid);
      expect(loadConfig({ DASHBOARD_CONFIG: 'c.yaml' }).config.machines).toHaveLength(1);
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

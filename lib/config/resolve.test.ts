import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-resolve-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function load(text: string, env: Record<string, string> = {}) {
  const file = path.join(dir, 'dashboard.config.yaml');
  fs.writeFileSync(file, text);
  return loadConfig({ DASHBOARD_CONFIG: file, ...env }).config;
}

const service = (extra: string) => `machines:\n  - name: mini-vm\n    services:\n      - { id: jellyfin, name: Jellyfin, kind: jellyfin, url: "http://127.0.0.1:8096"${extra} }\n`;

describe('the config is resolved once, when it loads', () => {
  it('makes every path absolute, against the config file', () => {
    fs.writeFileSync(path.join(dir, 'pw'), 'secret\n');
    const c = load('dataDir: state\ndocs: { dir: notes }\nrebuild: { passwordFile: pw }\n');
    expect(c.dataDir).toBe(path.join(dir, 'state'));
    expect(c.docs?.dir).toBe(path.join(dir, 'notes'));
    expect(load('title: x\n').docs).toBeUndefined(); // the built-in docs, wherever the config is
    expect(c.rebuild.passwordFile).toBe(path.join(dir, 'pw'));
    // DASHBOARD_DATA_DIR wins, relative to where the server runs.
    expect(load('dataDir: state\n', { DASHBOARD_DATA_DIR: 'elsewhere' }).dataDir).toBe(path.resolve('elsewhere'));
    expect(load('title: x\n').dataDir).toBe(path.resolve('data'));
  });

  it('reads each API key from its variable or its file, the variable first', () => {
    fs.writeFileSync(path.join(dir, 'jf.key'), '  from-file \n');
    expect(load(service(', apiKeyFile: jf.key')).machines[0].services[0].apiKey).toBe('from-file');
    expect(load(service(', apiKeyFile: jf.key, apiKeyEnv: JF_KEY'), { JF_KEY: 'from-env' }).machines[0].services[0].apiKey).toBe('from-env');
    expect(load(service(', apiKeyEnv: JF_KEY')).machines[0].services[0].apiKey).toBeUndefined();
  });

  it('refuses a key written in the file, and settings nothing reads', () => {
    expect(() => parseConfig(service(', apiKey: abc'), 'c.yaml')).toThrow(/c\.yaml:4: machines\.0\.services\.0\.apiKey: an API key is never written in the config/);
    expect(() => parseConfig('demo: { password: x }\n', 'c.yaml')).toThrow(/c\.yaml:1: demo: Unrecognized key/);
  });

  it('names the dashboard with title, "mini-vm dashboard" unless set', () => {
    expect(parseConfig('{}', 'c.yaml').title).toBe('mini-vm dashboard');
    expect(parseConfig('title: Lab\n', 'c.yaml').title).toBe('Lab');
    expect(() => parseConfig('title: ""\n', 'c.yaml')).toThrow(/title/);
  });
});

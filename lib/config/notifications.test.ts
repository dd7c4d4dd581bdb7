import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-notify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const services = 'machines:\n  - name: mini-vm\n    services:\n      - { id: jellyfin, name: Jellyfin, kind: jellyfin, url: "http://127.0.0.1:8096" }\n';
const matrix = (extra = 'tokenFile: bot.token') => `notifications:\n  - { id: matrix, kind: matrix, homeserver: "http://127.0.0.1:8008", room: "#lab:mini-vm", ${extra} }\n`;

function problem(text: string): string {
  try {
    parseConfig(text, 'c.yaml');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the config to be refused');
}

function load(text: string, env: Record<string, string> = {}) {
  const file = path.join(dir, 'dashboard.config.yaml');
  fs.writeFileSync(file, text);
  return loadConfig({ DASHBOARD_CONFIG: file, ...env }).config;
}

describe('notifications in the config', () => {
  it('gives every notifier an id, defaults and its filters; a fallback-only notifier takes no events', () => {
    const c = parseConfig(`${services}notifications:\n  - { kind: ntfy, url: "http://127.0.0.1:9/t", events: [] }\n  - { kind: json, url: "http://127.0.0.1:9/h", events: [down, recovered], services: [jellyfin], remindEveryMinutes: 30, fallback: ntfy-1 }\n`, 'c.yaml');
    expect(c.notifications.map((n) => [n.id, n.events, n.retries, n.retryDelayMs, n.maxRetryDelayMs, n.fallback])).toEqual([
      ['ntfy-1', [], 3, 5000, 900_000, undefined],
      ['json-2', ['down', 'recovered'], 3, 5000, 900_000, 'ntfy-1'],
    ]);
    expect(c.maintenance).toEqual({ settleSeconds: 120, windows: [] });
  });

  it('refuses a room that is neither an id nor an alias, a token in the file, and a notifier without one', () => {
    expect(problem(matrix('tokenFile: t').replace('#lab:mini-vm', 'lab'))).toMatch(/c\.yaml:\d+: notifications\.0\.room: a room id/);
    expect(problem(matrix('token: syt_abc'))).toMatch(/notifications\.0\.token: the access token is never written in the config/);
    expect(problem(matrix('retries: 1'))).toMatch(/name the bot access token with tokenFile or tokenEnv/);
    expect(problem(matrix('tokenFile: t, tokenEnv: T'))).toMatch(/name the bot access token with tokenFile or tokenEnv/);
  });

  it('refuses a fallback, an id or a service filter that names nothing', () => {
    expect(problem(`${services}notifications:\n  - { kind: ntfy, url: "http://127.0.0.1:9/t", fallback: phone }\n`)).toMatch(/notifications\.0\.fallback: no notifier has the id "phone" \(ids: ntfy-1\)/);
    expect(problem(`${services}notifications:\n  - { id: a, kind: ntfy, url: "http://127.0.0.1:9/t", fallback: a }\n`)).toMatch(/cannot be its own fallback/);
    expect(problem(`${services}notifications:\n  - { id: a, kind: ntfy, url: "http://127.0.0.1:9/t" }\n  - { id: a, kind: json, url: "http://127.0.0.1:9/h" }\n`)).toMatch(/notifications\.1\.id: duplicate notifier id "a"/);
    expect(problem(`${services}notifications:\n  - { kind: ntfy, url: "http://127.0.0.1:9/t", services: [plex] }\n`)).toMatch(/notifications\.0\.services\.0: no service has the id "plex"/);
    expect(problem(`${services}notifications:\n  - { kind: ntfy, url: "http://127.0.0.1:9/t", events: [everything] }\n`)).toMatch(/notifications\.0\.events\.0/);
  });

  it('maintenance: settle time, the zone, scheduled windows', () => {
    const c = parseConfig(`${services}maintenance: { settleSeconds: 30, timeZone: Europe/Berlin, windows: [{ days: [Sunday], at: "03:00", minutes: 60, services: [jellyfin] }] }\n`, 'c.yaml');
    expect(c.maintenance).toEqual({ settleSeconds: 30, timeZone: 'Europe/Berlin', windows: [{ days: ['sun'], at: '03:00', minutes: 60, services: ['jellyfin'] }] });
    expect(problem('maintenance: { timeZone: Mars/Olympus }\n')).toMatch(/maintenance\.timeZone: a time zone name/);
    expect(problem('maintenance: { windows: [{ days: [sun], at: "25:00", minutes: 60 }] }\n')).toMatch(/maintenance\.windows\.0\.at: a time as HH:MM/);
    expect(problem(`${services}maintenance: { windows: [{ days: [sun], at: "03:00", minutes: 60, services: [plex] }] }\n`)).toMatch(/no service has the id "plex"/);
  });
});

describe('the Matrix token when the config loads', () => {
  it('a token file must be readable and not empty; the config keeps only its path', () => {
    fs.writeFileSync(path.join(dir, 'bot.token'), 'syt_secret\n');
    const c = load(matrix());
    expect(c.notifications[0]).toMatchObject({ tokenFile: path.join(dir, 'bot.token') });
    expect(JSON.stringify(c)).not.toContain('syt_secret');
    expect(() => load(matrix('tokenFile: missing.token'))).toThrow(/notifications\.0\.tokenFile: cannot read the secret file missing\.token \(ENOENT\)/);
    fs.writeFileSync(path.join(dir, 'empty.token'), '\n');
    expect(() => load(matrix('tokenFile: empty.token'))).toThrow(/the token file empty\.token is empty/);
  });

  it('a token variable must be set', () => {
    expect(load(matrix('tokenEnv: BOT_TOKEN'), { BOT_TOKEN: 'syt_x' }).notifications[0]).toMatchObject({ tokenEnv: 'BOT_TOKEN' });
    expect(() => load(matrix('tokenEnv: BOT_TOKEN'))).toThrow(/notifications\.0\.tokenEnv: the variable BOT_TOKEN is not set/);
  });
});

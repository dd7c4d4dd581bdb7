import { describe, expect, it } from 'vitest';
import { configSchema } from './config-schema';
import { redactUrl } from './redact';
import { composeSnapshot } from './status';

describe('secrets never reach the browser', () => {
  it.each([
    ['http://admin:hunter2@mini-vm.orb.local:8096/', 'http://mini-vm.orb.local:8096/'],
    ['http://mini-vm.orb.local:8096/?api_key=abc123&x=1', 'http://mini-vm.orb.local:8096/?api_key=redacted&x=1'],
    ['https://matrix.example/_matrix?access_token=syt_secret', 'https://matrix.example/_matrix?access_token=redacted'],
    ['http://mini-vm.orb.local:8008', 'http://mini-vm.orb.local:8008'],
  ])('%s → %s', (input, want) => expect(redactUrl(input)).toBe(want));

  it('a snapshot carries no credentials from service URLs', async () => {
    const config = configSchema.parse({
      orb: { bin: '/nonexistent/orb', timeoutMs: 200 },
      machines: [{ name: 'mini-vm', services: [{ id: 'j', name: 'J', kind: 'http', url: 'http://admin:hunter2@127.0.0.1:9/?api_key=k3y', timeoutMs: 300 }] }],
    });
    const text = JSON.stringify(await composeSnapshot(config));
    expect(text).not.toMatch(/hunter2|k3y/);
    expect(text).toContain('api_key=redacted');
  });
});

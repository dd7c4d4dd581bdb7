import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configModule } from './server-lib.mjs';
import { repo } from './test-home.mjs';

describe('dashboard.config.example.yaml', () => {
  it('is accepted by the server\'s parser and names every setting the Mac mini needs', async () => {
    const file = path.join(repo, 'dashboard.config.example.yaml');
    const { parseConfig } = await configModule();
    const c = parseConfig(fs.readFileSync(file, 'utf8'), file);
    expect(c.dataDir).toBeTruthy();
    expect(c.docs.dir).toBeTruthy();
    expect(c.rebuild).toMatchObject({ flake: '/Users/ivan/mini-vm', passwordFile: expect.any(String), targets: [{ id: 'mini-vm', machine: 'mini-vm' }] });
    expect(c.machines[0].services.map((s) => s.kind)).toEqual(['jellyfin', 'synapse', 'mautrix-bridge']);
    expect(c.checks.length).toBeGreaterThan(0);
    expect(c.allowedNetworks).toContain('192.168.50.0/24');
  });
});

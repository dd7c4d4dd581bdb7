import { describe, expect, it } from 'vitest';
import { CONFIGURATION_REVISION_HINT, parseNixosVersion } from './nixos-version';

describe('parseNixosVersion', () => {
  it('reads the sample without a revision (not set by the flake)', () => {
    expect(parseNixosVersion('{"nixosVersion":"25.05.811339.98ff3f9af268","nixpkgsRevision":"98ff3f9af268"}')).toEqual({
      nixosVersion: '25.05.811339.98ff3f9af268', nixpkgsRevision: '98ff3f9af268', configurationRevision: null, revision: null,
    });
  });

  it('reads a revision, clean or dirty', () => {
    const rev = 'a41c9e2b7d03b18e5f2a90c1d2e3f4a5b6c7d8e9';
    expect(parseNixosVersion(JSON.stringify({ nixosVersion: '25.05', configurationRevision: rev })).revision).toEqual({ rev, short: 'a41c9e2', dirty: false });
    expect(parseNixosVersion(JSON.stringify({ configurationRevision: `${rev}-dirty` })).revision?.dirty).toBe(true);
  });

  it('an odd revision is shown as printed but never becomes a hash', () => {
    const v = parseNixosVersion(JSON.stringify({ nixosVersion: 25, configurationRevision: '\x1b[31m$(reboot)\x1b[0m' }));
    expect(v).toMatchObject({ nixosVersion: null, configurationRevision: '$(reboot)', revision: null });
    expect(parseNixosVersion('{"configurationRevision": ""}').configurationRevision).toBeNull();
  });

  it('throws on anything but a JSON object', () => {
    for (const bad of ['', 'nixos 25.05', '[]', 'null', '"x"']) expect(() => parseNixosVersion(bad)).toThrow();
  });

  it('the hint names the flake idiom', () => {
    expect(CONFIGURATION_REVISION_HINT).toBe('system.configurationRevision = self.rev or self.dirtyRev or null;');
  });
});

import { describe, expect, it } from 'vitest';
import { isValidUnitName, unitNameProblem, unitNameSchema } from './unit-name';

describe('unit names', () => {
  it.each([
    'jellyfin.service',
    'matrix-synapse.service',
    'mautrix-telegram.service',
    'nix-daemon.service',
    'getty@tty1.service',
    'dev-disk-by\\x2duuid-1234.device',
    'systemd-fsck@dev-disk-by\\x2dlabel-boot.service',
    'run-user-1000.mount',
    'init.scope',
    'user.slice',
    'a:b_c.timer',
    `${'a'.repeat(247)}.service`,
  ])('accepts %s', (name) => {
    expect(unitNameProblem(name)).toBeNull();
    expect(isValidUnitName(name)).toBe(true);
  });

  it.each([
    ['jellyfin.service; reboot', /letters, digits/],
    ['--help', /start with "-"/],
    ['-o', /start with "-"/],
    ['-x.service', /start with "-"/],
    ['../x.service', /letters, digits/],
    ['/etc/passwd', /letters, digits/],
    ['jellyfin', /ends in a type/],
    ['jellyfin.exe', /not a unit type/],
    ['.service', /ends in a type/],
    ['@x.service', /start with "@"/],
    ['getty@.service', /template/],
    ['a b.service', /letters, digits/],
    ['a\\b.service', /letters, digits/],
    ['jelly\nfin.service', /letters, digits/],
    ['jellyfin.service\u0000', /letters, digits/],
    ['', /required/],
    [`${'a'.repeat(248)}.service`, /at most 255/],
    [`${'a'.repeat(10_000)}.service`, /at most 255/],
  ])('refuses %j', (name, why) => {
    expect(unitNameProblem(name)).toMatch(why);
    expect(isValidUnitName(name)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const v of [undefined, null, 5, {}, ['a.service']]) expect(isValidUnitName(v)).toBe(false);
  });

  it('is a zod refinement with the rule in its message', () => {
    expect(unitNameSchema.safeParse('caddy.service').success).toBe(true);
    const bad = unitNameSchema.safeParse('caddy');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/^invalid unit name: a unit name ends in a type/);
    expect(unitNameSchema.safeParse(42).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { failedUnitsArgv, parseFailedUnits, parseUnitList, rejectedJsonOutput } from './failed';

// Samples from reference/systemd.md (systemd 252).
const plain = `b.service                loaded failed failed B: demo service that fails with exit code 1 after 2 restarts
mautrix-telegram.service loaded failed failed Mautrix-Telegram, a Matrix-Telegram hybrid puppeting/relaybot bridge
`;
const json = '[{"unit":"b.service","load":"loaded","active":"failed","sub":"failed","description":"B: demo service"},{"unit":"mautrix-telegram.service","load":"loaded","active":"failed","sub":"failed","description":"Mautrix-Telegram"}]';

describe('failed units', () => {
  it('asks for JSON, or the plain table for the retry', () => {
    expect(failedUnitsArgv()).toEqual(['systemctl', 'list-units', '--state=failed', '--output=json', '--no-pager']);
    expect(failedUnitsArgv({ json: false })).toEqual(['systemctl', 'list-units', '--state=failed', '--plain', '--no-legend', '--no-pager']);
  });

  it('reads the JSON list', () => {
    expect(parseFailedUnits(json)).toEqual(['b.service', 'mautrix-telegram.service']);
    expect(parseUnitList(json)[0]).toEqual({ unit: 'b.service', load: 'loaded', active: 'failed', sub: 'failed', description: 'B: demo service' });
  });

  it('reads the plain table, description with spaces', () => {
    expect(parseFailedUnits(plain)).toEqual(['b.service', 'mautrix-telegram.service']);
    expect(parseUnitList(plain)[1].description).toBe('Mautrix-Telegram, a Matrix-Telegram hybrid puppeting/relaybot bridge');
  });

  it('reads the table with bullets, header and legend (a version that ignores --output=json)', () => {
    const table = `  UNIT                     LOAD   ACTIVE SUB    DESCRIPTION
● b.service                loaded failed failed B: demo
* c.service                loaded failed failed
LOAD   = Reflects whether the unit definition was properly loaded.

2 loaded units listed.
`;
    expect(parseUnitList(table)).toEqual([
      { unit: 'b.service', load: 'loaded', active: 'failed', sub: 'failed', description: 'B: demo' },
      { unit: 'c.service', load: 'loaded', active: 'failed', sub: 'failed', description: '' },
    ]);
  });

  it('reads nothing from an empty answer, broken JSON or hostile rows', () => {
    expect(parseFailedUnits('')).toEqual([]);
    expect(parseFailedUnits('[]\n')).toEqual([]);
    expect(parseFailedUnits('[{"unit":"b.serv')).toEqual([]);
    expect(parseFailedUnits('[1,null,{"unit":"x; reboot.service","active":"failed"},{"unit":"--help","active":"failed"}]')).toEqual([]);
    expect(parseFailedUnits('{"unit":"b.service"}')).toEqual([]);
    expect(parseFailedUnits('0 loaded units listed.')).toEqual([]);
  });

  it('knows when the JSON option was refused', () => {
    expect(rejectedJsonOutput(1, "systemctl: unrecognized option '--output=json'")).toBe(true);
    expect(rejectedJsonOutput(1, 'Unknown output \'json\'.')).toBe(true);
    expect(rejectedJsonOutput(0, '')).toBe(false);
    expect(rejectedJsonOutput(1, 'Failed to connect to bus: No such file or directory')).toBe(false);
  });
});

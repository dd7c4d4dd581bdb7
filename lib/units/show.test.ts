import { describe, expect, it } from 'vitest';
import { execMainCodeName, parseUnitShow, UNIT_SHOW_PROPERTIES, unitExists, unitShowArgv } from './show';
import { parseSystemdTimestamp } from './timestamp';

// The block from reference/systemd.md (systemd 252), then a running unit and a missing one.
const sample = `MainPID=0
Result=exit-code
NRestarts=3
ExecMainCode=1
ExecMainStatus=1
MemoryCurrent=[not set]
Id=mautrix-telegram.service
LoadState=loaded
ActiveState=failed
SubState=failed
UnitFileState=enabled
ActiveEnterTimestamp=Thu 2026-12-03 14:43:45 UTC
StateChangeTimestamp=Thu 2026-12-03 14:45:02 UTC

Id=jellyfin.service
MainPID=842
ActiveEnterTimestamp=@1796309021
Result=success
NRestarts=0
ExecMainCode=0
ExecMainStatus=0
MemoryCurrent=412348416
LoadState=loaded
ActiveState=active
SubState=running
IPIngressBytes=[no data]
CPUUsageNSec=18446744073709551615
UnitFileState=

ActiveEnterTimestamp=
ExecMainStatus=0
Id=nope.service
LoadState=not-found
ActiveState=inactive
SubState=dead
Result=success
NRestarts=0
MainPID=0
MemoryCurrent=[not set]
ExecMainCode=0
UnitFileState=`;

describe('systemctl show', () => {
  it('asks for every property in one call, units after --', () => {
    const argv = unitShowArgv(['jellyfin.service', 'matrix-synapse.service']);
    expect(argv).toEqual(['systemctl', 'show', `--property=${UNIT_SHOW_PROPERTIES.join(',')}`, '--timestamp=unix', '--', 'jellyfin.service', 'matrix-synapse.service']);
    expect(unitShowArgv(['a.service'], { unixTimestamps: false })).not.toContain('--timestamp=unix');
    expect(() => unitShowArgv(['a.service', '--help'])).toThrow(/may not start with "-"/);
  });

  it('reads blocks by Id whatever the order of blocks and properties', () => {
    const units = parseUnitShow(sample);
    expect([...units.keys()]).toEqual(['mautrix-telegram.service', 'jellyfin.service', 'nope.service']);
    expect(units.get('mautrix-telegram.service')).toEqual({
      name: 'mautrix-telegram.service', loadState: 'loaded', activeState: 'failed', subState: 'failed', result: 'exit-code',
      restarts: 3, since: '2026-12-03T14:45:02.000Z', mainPid: null, memoryBytes: null, execMainStatus: 1, execMainCode: 1, unitFileState: 'enabled',
    });
    expect(units.get('jellyfin.service')).toMatchObject({ activeState: 'active', mainPid: 842, memoryBytes: 412348416, since: new Date(1796309021000).toISOString(), execMainCode: null, execMainStatus: null, unitFileState: null });
  });

  it('a failed unit without StateChangeTimestamp falls back to when it was last active', () => {
    expect(parseUnitShow('Id=a.service\nActiveState=failed\nActiveEnterTimestamp=@1796309021').get('a.service')!.since).toBe(new Date(1796309021000).toISOString());
    expect(parseUnitShow('Id=a.service\nActiveState=active\nActiveEnterTimestamp=@1796309021\nStateChangeTimestamp=@1796309999').get('a.service')!.since).toBe(new Date(1796309021000).toISOString());
  });

  it('keeps a unit that does not exist, marked as such', () => {
    const nope = parseUnitShow(sample).get('nope.service')!;
    expect(nope).toMatchObject({ loadState: 'not-found', activeState: 'inactive', subState: 'dead', since: null, mainPid: null, restarts: 0 });
    expect(unitExists(nope)).toBe(false);
  });

  it('shuffled properties give the same units', () => {
    const shuffled = sample.split('\n\n').map((b) => b.split('\n').reverse().join('\n')).reverse().join('\n\n');
    expect(parseUnitShow(shuffled)).toEqual(new Map([...parseUnitShow(sample)].reverse()));
  });

  it('reads unset counters as null and tolerates CRLF, extra blank lines and junk', () => {
    const text = 'junk line\r\nId=a.service\r\nNRestarts=18446744073709551615\r\nMemoryCurrent=18446744073709551615\r\nMainPID=abc\r\nValue=with=equals\r\n\r\n\r\n\r\nLoadState=loaded\r\n';
    const units = parseUnitShow(text);
    expect(units.size).toBe(1);
    expect(units.get('a.service')).toMatchObject({ restarts: null, memoryBytes: null, mainPid: null, loadState: 'unknown', activeState: 'unknown' });
  });

  it('survives empty and hostile output', () => {
    expect(parseUnitShow('').size).toBe(0);
    expect(parseUnitShow('\n\n\n').size).toBe(0);
    expect(parseUnitShow('Id=__proto__\nActiveState=active').get('__proto__')?.activeState).toBe('active');
    expect(parseUnitShow('x'.repeat(200_000)).size).toBe(0);
    expect(parseUnitShow('Id=a.service\nId=b.service').get('a.service')).toBeDefined();
  });

  it('names how the main process ended', () => {
    expect([1, 2, 3, null, 9].map(execMainCodeName)).toEqual(['exited', 'killed', 'dumped', null, '9']);
  });
});

describe('systemd timestamps', () => {
  const at = Date.UTC(2026, 11, 3, 14, 43, 41);
  it.each([
    ['@1796309021', 1796309021000],
    ['@1796309021.250000', 1796309021250],
    ['Thu 2026-12-03 14:43:41 UTC', at],
    ['Thu 2026-12-03 14:43:41.123456 UTC', at + 123],
    ['Thu 2026-12-03 15:43:41 CET', at],
    ['Thu 2026-12-03 06:43:41 PST', at],
    ['Thu 2026-12-03 16:43:41 +0200', at],
    ['Thu 2026-12-03 16:43:41 +02:00', at],
    ['2026-12-03 14:43:41', at],
  ])('reads %s', (text, ms) => {
    expect(parseSystemdTimestamp(text)).toBe(ms);
  });

  it.each(['', '0', 'n/a', '[not set]', '@0', 'Thu 2026-12-03 14:43:41 XYZT', 'yesterday', undefined])('gives null for %j', (text) => {
    expect(parseSystemdTimestamp(text)).toBeNull();
  });
});

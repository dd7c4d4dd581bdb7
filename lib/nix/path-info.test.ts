import { describe, expect, it } from 'vitest';
import { parsePathInfo, parsePathInfoJson, parsePathInfoText, pathInfoArgv } from './path-info';

const P = '/nix/store/0z0hwjign6irmnmnivwhznrv1jlqhpii-nixos-system-mini-vm-25.05.20250601.98ff3f9';
const Q = '/nix/store/18ppbrvlhmjr8jba6gdp0ms58nis63s5-jellyfin-10.10.7';

describe('nix path-info text', () => {
  it('reads "<path>\\t<bytes>", also padded as older versions print it', () => {
    expect(parsePathInfoText(`${P}\t2583691264\n`)).toEqual([{ path: P, narBytes: null, closureBytes: 2583691264, valid: true }]);
    expect(parsePathInfoText(`${P}   \t 2583691264`)[0].closureBytes).toBe(2583691264);
  });

  it('reads the human forms: "386.7K" (old) and "386.7 KiB" (new)', () => {
    expect(parsePathInfoText(`${P}\t386.7K`)[0].closureBytes).toBe(Math.round(386.7 * 1024));
    expect(parsePathInfoText(`${P}\t386.7 KiB`)[0].closureBytes).toBe(Math.round(386.7 * 1024));
    expect(parsePathInfoText(`${P}\t  2.4G`)[0].closureBytes).toBe(Math.round(2.4 * 1024 ** 3));
    expect(parsePathInfoText(`${P}\t  12.0 `)[0].closureBytes).toBe(12);
  });

  it('with -s and -S the closure size is the last number', () => {
    expect(parsePathInfoText(`${P}\t  24576\t2583691264\n${Q}\t148.2 MiB\t1.1 GiB`)).toEqual([
      { path: P, narBytes: 24576, closureBytes: 2583691264, valid: true },
      { path: Q, narBytes: Math.round(148.2 * 1024 ** 2), closureBytes: Math.round(1.1 * 1024 ** 3), valid: true },
    ]);
  });

  it('skips errors, warnings and garbage', () => {
    expect(parsePathInfoText(`error: path '${P}' is not valid\nwarning: x\n\x1b[31mjunk\x1b[0m\n${P}\tmany`)).toEqual([]);
  });
});

describe('nix path-info --json', () => {
  it('reads the array of older versions', () => {
    const text = JSON.stringify([{ path: P, narHash: 'sha256-x', narSize: 24576, closureSize: 2583691264, references: [] }, { path: Q, valid: false }]);
    expect(parsePathInfoJson(text)).toEqual([
      { path: P, narBytes: 24576, closureBytes: 2583691264, valid: true },
      { path: Q, narBytes: null, closureBytes: null, valid: false },
    ]);
  });

  it('reads the object keyed by store path (2.19 on), null for an invalid path', () => {
    const text = JSON.stringify({ [P]: { narSize: 24576, closureSize: 2583691264, ca: null }, [Q]: null });
    expect(parsePathInfo(text)).toEqual([
      { path: P, narBytes: 24576, closureBytes: 2583691264, valid: true },
      { path: Q, narBytes: null, closureBytes: null, valid: false },
    ]);
  });

  it('odd values are null, not numbers; broken JSON is an empty answer from parsePathInfo', () => {
    expect(parsePathInfoJson(JSON.stringify({ [P]: { narSize: '12', closureSize: -1 } }))[0]).toMatchObject({ narBytes: null, closureBytes: null });
    expect(() => parsePathInfoJson('"x"')).toThrow();
    expect(parsePathInfo('{"a": ')).toEqual([]);
  });
});

describe('pathInfoArgv', () => {
  it('asks for the closure size of one path, text or JSON', () => {
    expect(pathInfoArgv('/run/current-system')).toEqual(['nix', '--extra-experimental-features', 'nix-command', 'path-info', '-S', '/run/current-system']);
    expect(pathInfoArgv(P, { json: true }).slice(-2)).toEqual(['--json', P]);
    expect(() => pathInfoArgv('-h')).toThrow();
  });
});

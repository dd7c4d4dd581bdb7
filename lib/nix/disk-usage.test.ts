import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dfNixArgv, duStoreArgv, parseDf, parseDuTotal } from './disk-usage';

describe('du', () => {
  it('reads the total from a real du over a folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'du-'));
    fs.writeFileSync(path.join(dir, 'a'), Buffer.alloc(200_000, 1));
    // The same argv the dashboard sends, but for a folder that exists here.
    const out = execFileSync(duStoreArgv[0], [...duStoreArgv.slice(1, -1), dir], { encoding: 'utf8' });
    const t = parseDuTotal(out);
    expect(t?.path).toBe(dir);
    expect(t!.bytes).toBeGreaterThanOrEqual(200_000);
    fs.rmSync(dir, { recursive: true });
  });

  it('takes the last total even after read errors, and nothing from garbage', () => {
    expect(parseDuTotal("du: cannot read directory '/nix/store/x': Permission denied\n2583691264\t/nix/store\n")).toEqual({ bytes: 2583691264, path: '/nix/store' });
    expect(parseDuTotal('du: cannot access')).toBeNull();
    expect(parseDuTotal('')).toBeNull();
  });
});

describe('df', () => {
  it('reads a real df -P -B1', () => {
    const out = execFileSync(dfNixArgv[0], [...dfNixArgv.slice(1, -1), '/'], { encoding: 'utf8' });
    const [row] = parseDf(out);
    expect(row.mountedOn).toBe('/');
    expect(row.sizeBytes).toBeGreaterThan(row.availableBytes);
    expect(row.usedBytes).toBeGreaterThan(0);
  });

  it('keeps a mount point with spaces, skips the header and junk', () => {
    const text = 'Filesystem 1-blocks Used Available Capacity Mounted on\n/dev/vdb1 1000 400 600 40% /mnt/my disk\nnonsense\n';
    expect(parseDf(text)).toEqual([{ filesystem: '/dev/vdb1', sizeBytes: 1000, usedBytes: 400, availableBytes: 600, mountedOn: '/mnt/my disk' }]);
  });
});

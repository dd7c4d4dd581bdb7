import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// For tests: a real journal file, written by systemd-journal-remote from journald's export format,
// so that the real journalctl can be run over it with --file.

export const BOOTS = ['a1b2c3d4e5f60718293a4b5c6d7e8f90', '0f1e2d3c4b5a69788796a5b4c3d2e1f0'];
export const T0 = 1715680800_000_000;

type Field = [string, string | Buffer];

function exportEntry(fields: Field[], n: number, boot: string): Buffer {
  const parts: Buffer[] = [Buffer.from(`__REALTIME_TIMESTAMP=${T0 + n * 1_000_000}\n__MONOTONIC_TIMESTAMP=${n * 1_000_000}\n_BOOT_ID=${boot}\n`)];
  for (const [k, v] of fields) {
    if (typeof v === 'string' && !v.includes('\n')) parts.push(Buffer.from(`${k}=${v}\n`));
    else {
      // Binary form: name, newline, 64-bit little-endian length, the bytes, newline.
      const data = Buffer.from(v);
      const len = Buffer.alloc(8);
      len.writeBigUInt64LE(BigInt(data.length));
      parts.push(Buffer.from(`${k}\n`), len, data, Buffer.from('\n'));
    }
  }
  parts.push(Buffer.from('\n'));
  return Buffer.concat(parts);
}

/** Two boots of jellyfin.service lines, with every shape journald prints. */
export function sampleExport(): Buffer {
  const out: Buffer[] = [];
  let n = 0;
  for (const [b, boot] of BOOTS.entries()) {
    for (let i = 0; i < 6; i++) {
      n += 1;
      const f: Field[] = [['_SYSTEMD_UNIT', 'jellyfin.service'], ['_PID', String(100 + i)], ['SYSLOG_IDENTIFIER', 'jellyfin'], ['MESSAGE', `boot ${b} line ${i}`]];
      if (i !== 3) f.push(['PRIORITY', String(i)]);
      if (i === 4) f[3] = ['MESSAGE', Buffer.from('\x1b[31mred\x1b[0m text')];
      if (i === 5) f.push(['MESSAGE', 'second copy']);
      if (i === 2) f[3] = ['MESSAGE', `boot ${b} first\nsecond line`];
      out.push(exportEntry(f, n, boot));
    }
    n += 1;
    out.push(exportEntry([['_SYSTEMD_UNIT', 'init.scope'], ['_PID', '1'], ['UNIT', 'jellyfin.service'], ['MESSAGE', "jellyfin.service: Failed with result 'exit-code'."], ['PRIORITY', '4'], ['SYSLOG_IDENTIFIER', 'systemd']], n, boot));
  }
  out.push(exportEntry([['_SYSTEMD_UNIT', 'jellyfin.service'], ['MESSAGE', 'x'.repeat(5000)], ['PRIORITY', '6']], n + 1, BOOTS[1]));
  out.push(exportEntry([['_SYSTEMD_UNIT', 'jellyfin.service'], ['MESSAGE', Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x21])], ['PRIORITY', '3']], n + 2, BOOTS[1]));
  return Buffer.concat(out);
}

const REMOTE = ['/lib/systemd/systemd-journal-remote', '/usr/lib/systemd/systemd-journal-remote'];

/** A journal file made from sampleExport(), or null where systemd-journal-remote or journalctl is missing. */
export function makeSampleJournal(): { file: string; dir: string } | null {
  const remote = REMOTE.find((p) => fs.existsSync(p));
  if (!remote) return null;
  try {
    execFileSync('journalctl', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
  const file = path.join(dir, 'sample.journal');
  execFileSync(remote, ['-o', file, '-'], { input: sampleExport(), stdio: ['pipe', 'ignore', 'ignore'] });
  return { file, dir };
}

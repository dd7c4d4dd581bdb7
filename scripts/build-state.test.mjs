import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIfNeeded, buildState } from './build-state.mjs';

const dirs = [];
function project() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'build-state-'));
  dirs.push(d);
  fs.mkdirSync(path.join(d, 'lib/deep'), { recursive: true });
  fs.writeFileSync(path.join(d, 'lib/deep/a.ts'), 'x');
  fs.writeFileSync(path.join(d, 'package.json'), '{}');
  return d;
}
const at = (file, s) => fs.utimesSync(file, s, s);
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('buildState', () => {
  it('has no build until BUILD_ID exists', () => {
    expect(buildState(project(), '.next')).toEqual({ built: 0, current: false });
  });

  it('is current when the build is newer than every source, and not after a source changes', () => {
    const d = project();
    fs.mkdirSync(path.join(d, '.next'));
    const id = path.join(d, '.next/BUILD_ID');
    fs.writeFileSync(id, 'b');
    at(path.join(d, 'lib/deep/a.ts'), 1000);
    at(path.join(d, 'package.json'), 1000);
    at(id, 2000);
    expect(buildState(d, '.next').current).toBe(true);
    at(path.join(d, 'lib/deep/a.ts'), 3000);
    expect(buildState(d, '.next').current).toBe(false);
  });

  it('does nothing when current, and reports a failed build as an error', () => {
    const d = project();
    fs.mkdirSync(path.join(d, '.next'));
    fs.writeFileSync(path.join(d, '.next/BUILD_ID'), 'b');
    at(path.join(d, 'lib/deep/a.ts'), 1000);
    at(path.join(d, 'package.json'), 1000);
    expect(buildIfNeeded({ dir: d, distDir: '.next', log: () => {} })).toBe('current');
    // A project without next: the build cannot run, and says so rather than pretending.
    at(path.join(d, 'package.json'), Date.now() / 1000 + 60);
    const lines = [];
    expect(() => buildIfNeeded({ dir: d, distDir: '.next', log: (l) => lines.push(l) })).toThrow(/the build failed/);
    expect(lines).toEqual(['Sources changed since the last build; building…']);
  });
});

import path from 'node:path';
import { expect, it } from 'vitest';
import { measure, sourceFiles } from './measure.mjs';

// The house rules for the product's own code (tests and e2e aside): files split well before 250
// lines, functions under 60. React components count as functions too.
const root = path.resolve(import.meta.dirname, '../..');
const files = sourceFiles(root, ['app', 'components', 'lib']);

it('finds the source it measures', () => {
  expect(files.length).toBeGreaterThan(100);
});

it('no source file is over 250 lines', () => {
  const long = files.map((f) => ({ f: path.relative(root, f), n: measure(f).lines })).filter((x) => x.n > 250);
  expect(long).toEqual([]);
});

it('no function is over 60 lines', () => {
  const long = files.flatMap((f) => measure(f).functions.filter((fn) => fn.lines > 60).map((fn) => `${path.relative(root, f)}:${fn.line} ${fn.name} (${fn.lines} lines)`));
  expect(long).toEqual([]);
});

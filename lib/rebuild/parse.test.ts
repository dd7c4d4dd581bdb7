import { describe, expect, it } from 'vitest';
import { ErrorTail } from '../jobs/error-tail';
import { levelOf, withLevel } from '../jobs/log-file';
import { decideRebuild } from './outcome';
import { errorLineRe, feedLine, initialProgress, isRebuildErrorLine } from './parse';

const lineLevel = (text: string) => levelOf(text, isRebuildErrorLine);

// Sample lines from reference/nixos.md §3.
const build = [
  'building the system configuration...',
  "warning: Git tree '/home/yama/.config/nix' is dirty",
  'these 2 derivations will be built:',
  '  /nix/store/sbkmk5a7kdrcr8d1vbalnz62xqfm8knq-foo-derivation.drv',
  '  /nix/store/9r02j45606rgsjbwvcdfazw4xh522prv-my-derivation.drv',
  "building '/nix/store/sbkmk5a7kdrcr8d1vbalnz62xqfm8knq-foo-derivation.drv'...",
];

describe('output parser', () => {
  it('goes evaluating → building N of M → activating → done', () => {
    const p = initialProgress();
    expect(p.phase).toBe('evaluating');
    for (const l of build.slice(0, 2)) feedLine(p, l);
    expect(p.phase).toBe('evaluating');
    for (const l of build.slice(2)) feedLine(p, l);
    expect(p).toMatchObject({ phase: 'building', built: 1, total: 2 });
    feedLine(p, "building '/nix/store/9r02j45606rgsjbwvcdfazw4xh522prv-my-derivation.drv'...");
    expect(p).toMatchObject({ built: 2, total: 2 });
    feedLine(p, 'activating the configuration...');
    expect(p.phase).toBe('activating');
    feedLine(p, 'setting up /etc...');
    feedLine(p, 'Done. The new configuration is /nix/store/0z0hwjign6irmnmnivwhznrv1jlqhpii-nixos-system-tnt-26.05.20251228.c0b0e0f');
    expect(p.phase).toBe('done');
  });

  it('with nothing to build moves straight from evaluating to activating', () => {
    const p = initialProgress();
    for (const l of ['building the system configuration...', 'Checking switch inhibitors... done', 'activating the configuration...']) feedLine(p, l);
    expect(p).toMatchObject({ phase: 'activating', built: 0, total: null });
  });

  it('names the failed units from the activation warning', () => {
    const p = initialProgress();
    feedLine(p, '      warning: the following units failed: ollama-model-loader.service');
    feedLine(p, 'warning: the following units failed: a.service, b.service');
    expect(p.failedUnits).toEqual(['ollama-model-loader.service', 'a.service', 'b.service']);
  });

  it('treats fetching as building and never counts past the total', () => {
    const p = initialProgress();
    feedLine(p, 'these 3613 paths will be fetched (13.0 GiB download, 35.7 GiB unpacked):');
    expect(p.phase).toBe('building');
    const q = initialProgress();
    feedLine(q, "building '/nix/store/aaaa-x.drv'...");
    expect(q).toMatchObject({ built: 1, total: null });
  });

  it('recognises error lines and keeps the last ones', () => {
    expect(errorLineRe.test("       error: undefined variable 'jellyfinn'")).toBe(true);
    expect(errorLineRe.test('warning: error(s) occurred while switching to the new configuration')).toBe(true);
    expect(errorLineRe.test("Activation script snippet 'specialfs' failed (32)")).toBe(true);
    expect(errorLineRe.test('setting up /etc...')).toBe(false);
    const t = new ErrorTail(isRebuildErrorLine, 2);
    for (const l of ['a', 'error: one', 'b', 'error: two', 'error:', 'error: three', 'c']) t.push(l);
    expect(t.lines()).toEqual(['error: two', 'error: three']);
    const none = new ErrorTail(isRebuildErrorLine, 2);
    for (const l of ['a', 'b', 'c']) none.push(l);
    expect(none.lines()).toEqual(['b', 'c']);
  });

  it('gives each log line the level the browser draws, and nothing for plain output', () => {
    expect(lineLevel("       error: undefined variable 'jellyfinn'")).toBe('error');
    expect(lineLevel('warning: the following units failed: mautrix-telegram.service')).toBe('error');
    expect(lineLevel('[dashboard] finished: failed (exit code 1)')).toBe('error');
    expect(lineLevel('[dashboard] $ /opt/orb -m mini-vm -u root nixos-rebuild switch --flake /Users/ivan/mini-vm#mini-vm -L')).toBe('note');
    expect(lineLevel('building the system configuration...')).toBeUndefined();
    expect(lineLevel('these 7 derivations will be built:')).toBeUndefined();
    expect(withLevel({ seq: 3, t: 1000, text: 'error: boom' }, isRebuildErrorLine)).toEqual({ seq: 3, t: 1000, text: 'error: boom', level: 'error' });
    // Plain lines carry no level key at all, so a 10 MB log costs no extra bytes on the wire.
    expect(JSON.stringify(withLevel({ seq: 4, t: 1000, text: 'copying path' }, isRebuildErrorLine))).toBe('{"seq":4,"t":1000,"text":"copying path"}');
  });
});

const exit = (code: number | null, errorLines: string[] = [], signal: string | null = null) => ({ code, signal, errorLines });
const units = (failedUnits: string[] = []) => ({ failedUnits });

describe('a rebuild\'s outcome from its real exit code', () => {
  it('0 is success', () => expect(decideRebuild(exit(0), units())).toEqual({ outcome: 'succeeded', summary: null }));
  it('4 is activated with failed units, named', () => {
    const r = decideRebuild(exit(4), units(['ollama-model-loader.service']));
    expect(r.outcome).toBe('units-failed');
    expect(r.summary).toContain('ollama-model-loader.service');
  });
  it('0 with a failed-units warning is not called success', () => {
    expect(decideRebuild(exit(0), units(['x.service'])).outcome).toBe('units-failed');
  });
  it('any other code fails, with the last error lines', () => {
    const r = decideRebuild(exit(1, ["error: undefined variable 'jellyfinn'"]), units());
    expect(r.outcome).toBe('failed');
    expect(r.summary).toMatch(/exit code 1\nerror: undefined variable/);
  });
  it('a signal nobody sent from the dashboard is a failure', () => {
    expect(decideRebuild(exit(null, [], 'SIGKILL'), units())).toMatchObject({ outcome: 'failed', summary: 'killed by SIGKILL' });
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { refusedPort } from '../demo/lab/hostile-server.mjs';
import { parseConfig } from './config';
import { foldIntoSnapshots, onSnapshot, refreshSnapshot } from './snapshot-store';
import type { ServiceHistory, Snapshot } from './types';

const history: ServiceHistory = { uptime: { h24: 0.5, d7: null, d30: null }, spark: [] };
const undo: (() => void)[] = [];
afterEach(() => undo.splice(0).forEach((u) => u()));

async function config() {
  // No orb to ask, one service on a port that refuses: a round in a few milliseconds.
  const url = `http://127.0.0.1:${await refusedPort()}`;
  return parseConfig(`orb: { bin: /nonexistent/orb }\nmachines:\n  - name: vm\n    services:\n      - { id: web, name: Web, kind: http, url: "${url}", timeoutMs: 500 }\n`, 'test.yaml');
}

describe('publishing a round', () => {
  it('makes a new snapshot with what the folders add, and hands every listener the same frozen one', async () => {
    const seen: { round?: Snapshot; heard: Snapshot[] } = { heard: [] };
    undo.push(
      // A listener registered first still gets the snapshot with the history in it.
      onSnapshot((s) => seen.heard.push(s)),
      foldIntoSnapshots((round) => {
        seen.round = round;
        return { history: { web: history }, warnings: ['store is slow'] };
      }),
      foldIntoSnapshots(() => ({ warnings: ['second'] })),
      onSnapshot((s) => seen.heard.push(s)),
    );
    const { snapshot, json } = await refreshSnapshot(await config());

    expect(seen.heard).toEqual([snapshot, snapshot]);
    expect(seen.heard[0]).toBe(seen.heard[1]);
    expect(snapshot.machines[0].services[0]).toMatchObject({ id: 'web', state: expect.stringMatching(/^(pending|down)$/), cause: 'refused', history });
    expect(snapshot.warnings).toEqual(['store is slow', 'second']);
    expect(JSON.parse(json)).toEqual(snapshot);
    // The folders saw the round, which stays as it was made.
    expect(seen.round).not.toBe(snapshot);
    expect(seen.round?.machines[0].services[0].history).toBeUndefined();
    expect(seen.round?.warnings).toBeUndefined();
    for (const o of [snapshot, snapshot.machines[0].services[0], snapshot.headline, seen.round!.machines[0]]) expect(Object.isFrozen(o)).toBe(true);
  });

  it('a folder or listener that tries to edit the snapshot, or throws, changes nothing for the others', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const heard: Snapshot[] = [];
    let made = '';
    undo.push(
      () => errors.mockRestore(),
      foldIntoSnapshots((round) => {
        made = round.machines[0].services[0].state;
        (round as { warnings?: string[] }).warnings = ['written in'];
        return undefined;
      }),
      onSnapshot((s) => {
        s.machines[0].services[0].state = 'up';
      }),
      onSnapshot((s) => heard.push(s)),
    );
    const { snapshot } = await refreshSnapshot(await config());
    expect(heard).toEqual([snapshot]);
    expect(snapshot.warnings).toBeUndefined();
    expect(snapshot.machines[0].services[0].state).toBe(made);
    expect(made).not.toBe('up');
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual(['snapshot folder failed', 'snapshot listener failed']);
  });
});

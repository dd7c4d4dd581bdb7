import { describe, expect, it } from 'vitest';
import { answers, isAvailable, isUnavailable, machineDown, machineStates, pathBroken, pathWorks, probeFailed, serviceStates, untested } from './states';

const which = (p: (s: never) => boolean, list: readonly string[]) => list.filter((s) => p(s as never));

describe('the state vocabulary', () => {
  it('decides each question once, for every service state', () => {
    expect(which(answers, serviceStates)).toEqual(['up', 'degraded', 'starting']);
    expect(which(isAvailable, serviceStates)).toEqual(['up', 'degraded']);
    expect(which(isUnavailable, serviceStates)).toEqual(['down', 'vm-stopped']);
    expect(which(probeFailed, serviceStates)).toEqual(['pending', 'down']);
    expect(which(untested, serviceStates)).toEqual(['unknown', 'vm-stopped']);
    expect(which(pathWorks, serviceStates)).toEqual(['up', 'starting']);
    expect(which(pathBroken, serviceStates)).toEqual(['degraded', 'pending', 'down']);
  });

  it('keeps the answers consistent with one another', () => {
    for (const s of serviceStates) {
      // Counted for uptime at most one way; what is available answers; a path is ok, broken or untested.
      expect(isAvailable(s) && isUnavailable(s)).toBe(false);
      if (isAvailable(s)) expect(answers(s)).toBe(true);
      expect([pathWorks(s), pathBroken(s), untested(s)].filter(Boolean)).toHaveLength(1);
    }
  });

  it('a machine is down when orb says it is not running; unknown is not down', () => {
    expect(which(machineDown, machineStates)).toEqual(['stopped', 'starting', 'stopping', 'paused', 'missing']);
  });
});

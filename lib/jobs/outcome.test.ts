import { describe, expect, it } from 'vitest';
import { rebuildJob } from '../rebuild/kind';
import { decideJob, type ExitFacts } from './outcome';

const facts = (f: Partial<ExitFacts>): ExitFacts => ({ code: 0, signal: null, stoppedBy: null, timeoutMs: 3600_000, configKey: 'rebuild', errorLines: [], ...f });
const progress = { phase: 'building' as const, built: 1, total: 2, failedUnits: [] };

describe('what the dashboard did decides first, then the kind reads the exit code', () => {
  it('a job we stopped is cancelled, timed out or interrupted, whatever its exit code', () => {
    expect(decideJob(rebuildJob, facts({ code: null, signal: 'SIGTERM', stoppedBy: 'cancel' }), progress).outcome).toBe('cancelled');
    const t = decideJob(rebuildJob, facts({ code: 143, stoppedBy: 'timeout' }), progress);
    expect(t).toMatchObject({ outcome: 'timed-out', summary: 'stopped after the 60 min timeout (rebuild.timeoutMs)' });
    const s = decideJob(rebuildJob, facts({ code: 143, stoppedBy: 'shutdown' }), progress);
    expect(s.outcome).toBe('interrupted');
    expect(s.summary).toMatch(/dashboard was stopped .*exit code 143/);
  });
  it('a command that could not start failed', () => {
    expect(decideJob(rebuildJob, facts({ code: null, spawnError: 'ENOENT' }), progress)).toMatchObject({ outcome: 'failed', summary: expect.stringContaining('ENOENT') });
  });
  it('otherwise the kind decides from the real exit code', () => {
    expect(decideJob(rebuildJob, facts({ code: 0 }), progress).outcome).toBe('succeeded');
    expect(decideJob(rebuildJob, facts({ code: 4 }), progress).outcome).toBe('units-failed');
    expect(decideJob(rebuildJob, facts({ code: null, signal: 'SIGKILL' }), progress).outcome).toBe('failed');
  });
});

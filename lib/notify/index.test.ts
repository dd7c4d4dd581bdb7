import { describe, expect, it } from 'vitest';
import { configureNotify, notify, notifyIdle } from './index';

describe('notify()', () => {
  it('sends nothing before it is configured, then each event once to every target', async () => {
    const run = { id: 'r9', target: 'mini-vm', mode: 'switch', outcome: 'succeeded', exitCode: 0, durationMs: 1000 };
    expect(notify({ type: 'rebuild', run, at: 1 })).toBe(false);
    const bodies: string[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      bodies.push(String(init.body));
      return new Response('');
    }) as unknown as typeof globalThis.fetch;
    configureNotify([{ kind: 'json', url: 'http://127.0.0.1:9/a', timeoutMs: 1000, retries: 0 }, { kind: 'ntfy', url: 'http://127.0.0.1:9/b', timeoutMs: 1000, retries: 0 }], { fetch });
    expect(notify({ type: 'rebuild', run, at: 1 })).toBe(true);
    expect(notify({ type: 'rebuild', run, at: 2 })).toBe(false);
    await notifyIdle();
    expect(bodies).toHaveLength(2);
    expect(JSON.parse(bodies[0])).toMatchObject({ type: 'rebuild', key: 'rebuild:r9', title: 'Rebuild of mini-vm finished' });
  });
});

import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';

/**
 * The fault suite's harness: an unhandled rejection, an uncaught exception or an error log that
 * no case expected fails the case it happened in.
 */
export function failOnStrayErrors(): { expectErrorLog: (pattern: RegExp) => void } {
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  const onRejection = (e: unknown) => problems.push(`unhandled rejection: ${String(e)}`);
  const onException = (e: unknown) => problems.push(`uncaught exception: ${String(e)}`);
  let spy: ReturnType<typeof vi.spyOn> | undefined;

  beforeAll(() => {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
    spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      const line = args.map(String).join(' ');
      if (!allowed.some((a) => a.test(line))) problems.push(`error log: ${line}`);
    });
  });
  afterEach(async () => {
    // One more turn of the event loop, so late callbacks (a destroyed socket) land in this case.
    await new Promise((r) => setImmediate(r));
    const found = problems.splice(0);
    allowed.length = 0;
    expect(found).toEqual([]);
  });
  afterAll(() => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    spy?.mockRestore();
  });
  return { expectErrorLog: (p) => allowed.push(p) };
}

// Where each Playwright worker finds its own main dashboard and demo lab. Shared by
// playwright.config.ts (which starts one pair per worker) and e2e/lab.ts (which each spec reads).

/** E2E_PORT: the first worker's dashboard; every checkout running at once picks its own. */
export const basePort = Number(process.env.E2E_PORT ?? 3100);

/**
 * Worker slot i (Playwright's parallelIndex, 0 ≤ i < workers) has its dashboard on basePort + 2i
 * and that dashboard's demo lab control API on the port after it.
 */
export const mainPortOf = (slot: number) => basePort + 2 * slot;
export const controlPortOf = (slot: number) => mainPortOf(slot) + 1;

/**
 * This process's slot. Playwright sets TEST_PARALLEL_INDEX in every worker before it loads the
 * config and the spec files; a worker that replaces a crashed one gets the same index, so it
 * finds the same dashboard. The runner process itself has none: slot 0.
 */
export const slot = Number(process.env.TEST_PARALLEL_INDEX ?? 0);

/**
 * How many workers, hence how many dashboard + lab pairs to start: `--workers N` / `-j N` on the
 * command line, else E2E_WORKERS, else the default measured for a 2-core machine.
 */
export function workerCount(argv = process.argv, env = process.env, fallback = 2): number {
  for (let i = 0; i < argv.length; i++) {
    const m = /^(?:--workers|-j)(?:=(.*))?$/.exec(argv[i]);
    if (m) return positive(m[1] ?? argv[i + 1]) ?? fallback;
  }
  return positive(env.E2E_WORKERS) ?? fallback;
}

const positive = (v: string | undefined) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

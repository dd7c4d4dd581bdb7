// Next.js may load a module once per bundle (instrumentation, the proxy, route groups), so state
// that must exist once per server process hangs off globalThis under a registered symbol.

/** The process-wide state named `name`, made by `init` the first time any bundle asks. */
export function processState<T extends object>(name: string, init: () => T): T {
  const g = globalThis as unknown as Record<symbol, T | undefined>;
  return (g[Symbol.for(`mini-vm-dashboard.${name}`)] ??= init());
}

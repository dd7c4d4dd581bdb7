// Runs once when the server process starts. The Node-only work lives in its own module so the
// edge bundle never sees it.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    await import('./lib/server-start');
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets parallel test runs (and the bench) build without clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Only for the measurement in scripts/bench/server-modes.mjs: the login service runs `next start`.
  ...(process.env.NEXT_OUTPUT === 'standalone' ? { output: 'standalone' } : {}),
  reactStrictMode: true,
  serverExternalPackages: ['better-sqlite3'],
};

export default nextConfig;

#!/usr/bin/env node
// One-off: what proxy.ts costs per request. Needs a second build without proxy.ts in
// .next-noproxy (see BENCHMARKS.md); runs both servers and alternates load between them.
import path from 'node:path';
import { load } from './measure.mjs';
import { root, startStack } from './servers.mjs';

const SECONDS = Number(process.env.BENCH_LOAD_S ?? 5);
const stacks = {};
for (const [name, dist, port] of [['with proxy', '.next', 3670], ['without proxy', '.next-noproxy', 3672]]) {
  process.env.NEXT_DIST_DIR = dist;
  stacks[name] = await startStack({ port, stateDir: path.join(root, `demo/.state-bench-${port}`), pollMs: 2000, timeoutMs: 1500 });
}
try {
  const results = {};
  for (let round = 0; round < 2; round++) {
    for (const [name, s] of Object.entries(stacks)) {
      for (const route of ['/api/status', '/api/health']) {
        const r = await load(s.url + route, { connections: 50, seconds: SECONDS });
        (results[`${name} ${route}`] ??= []).push(Math.round(r.rps));
      }
    }
  }
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(28)} ${v.join(' / ')} req/s`);
} finally {
  for (const s of Object.values(stacks)) await s.stop();
}

#!/usr/bin/env node
// `npm run soak`: 200 clients poll /api/status the way an open status page does, for 60 s, against
// the built app and the demo lab on loopback, while one rebuild streams its log to a live SSE
// client. Passes with zero failed requests, one probe round per poll interval, exactly one rebuild
// (a second start during it is refused), every line delivered, and memory back near its baseline.
// Then 20 clients open the event stream of a rebuild with a 60 MB log and never read: the server's
// memory must stay bounded (under 100 MB above its baseline), and each is let go with a reason.
// SOAK_ONLY=streams runs only that second part.
import path from 'node:path';
import { rssMb, sleep } from './measure.mjs';
import { followRun, listRebuilds, signIn, startRebuild } from './rebuild-api.mjs';
import { ensureBuild, root, startStack } from './servers.mjs';
import { stalledStreams } from './soak-streams.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3680);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 200);
const SECONDS = Number(process.env.SOAK_S ?? 60);
const POLL_MS = 2000;
const CLIENT_INTERVAL_MS = 2000; // the page polls at the probe interval (at least 1 s)
// The fake prints a line about every 50 ms after 3 s; enough lines to outlast the soak.
const REBUILD_LINES = Math.ceil(((SECONDS + 10) * 1000) / 50);
const STALLED = Number(process.env.SOAK_STALLED ?? 20);
const FLOOD_MB = Number(process.env.SOAK_FLOOD_MB ?? 60);

ensureBuild();
// The log cap above the flood, so the whole 60 MB goes to disk and to every stream.
const rebuildLine = `rebuild: { flake: /Users/ivan/mini-vm, logCapBytes: ${(FLOOD_MB + 8) * 1024 * 1024} }`;
const stack = await startStack({ port: PORT, stateDir: path.join(root, `demo/.state-soak-${PORT}`), pollMs: POLL_MS, timeoutMs: 1500, rebuildLine });

/** One polling client until `end`, counting into `tally`. */
async function client(i, end, tally) {
  await sleep((i / CLIENTS) * CLIENT_INTERVAL_MS); // spread, like tabs opened at different times
  while (Date.now() < end) {
    const t0 = Date.now();
    try {
      const r = await fetch(`${stack.url}/api/status`, { signal: AbortSignal.timeout(10_000) });
      const body = await r.json();
      if (!r.ok || !Array.isArray(body.machines)) throw new Error(`HTTP ${r.status}`);
      tally.ok++;
    } catch (e) {
      tally.failed++;
      const k = String(e?.cause?.code ?? e?.name ?? e);
      tally.failures.set(k, (tally.failures.get(k) ?? 0) + 1);
    }
    await sleep(Math.max(0, CLIENT_INTERVAL_MS - (Date.now() - t0)));
  }
}

/** 200 clients poll /api/status for SECONDS while one rebuild streams: rows for the table. */
async function polling(stack, cookie) {
  const tally = { ok: 0, failed: 0, failures: new Map() };
  await fetch(`${stack.url}/api/status`);
  await sleep(5000);
  const baseline = rssMb(stack.pid);
  const heap0 = await stack.heapMb();
  await stack.control('/stats/reset');
  await stack.control('/rebuild', { scenario: 'timed', speed: 1, lines: REBUILD_LINES });
  const first = await startRebuild(stack.url, cookie);
  if (first.status !== 202) throw new Error(`the rebuild did not start: HTTP ${first.status}`);
  const follower = followRun(stack.url, first.id);
  const started = Date.now();
  const end = started + SECONDS * 1000;

  console.log(`soak: ${CLIENTS} clients polling every ${CLIENT_INTERVAL_MS / 1000} s for ${SECONDS} s…`);
  // Halfway through, someone else presses Rebuild: they must be sent to the running one.
  const second = sleep((SECONDS * 1000) / 2).then(() => startRebuild(stack.url, cookie));
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i, end, tally)));
  const elapsed = (Date.now() - started) / 1000;
  const rounds = (await stack.control('/stats')).synapse?.['/health'] ?? 0;
  const peak = rssMb(stack.pid); // with the fake nixos-rebuild (a node process) still running under it
  const streamedThrough = follower.seen.end === null; // still streaming when the clients stopped
  const again = await second;
  const seen = await Promise.race([follower.done, sleep(60_000).then(() => null)]);
  follower.stop();
  const runs = (await listRebuilds(stack.url)).runs;
  const late = [...(seen?.late ?? [])].sort((a, b) => a - b);
  const p95 = late.length ? late[Math.ceil(late.length * 0.95) - 1] : NaN;
  await sleep(15_000);
  const after = rssMb(stack.pid);
  const heap1 = await stack.heapMb();

  const expected = elapsed / (POLL_MS / 1000);
  return [
    ['failed requests', tally.failed, tally.failed === 0, `${tally.ok} ok${tally.failures.size ? `; ${[...tally.failures].map(([k, v]) => `${k}×${v}`).join(', ')}` : ''}`],
    ['probe rounds', rounds, rounds >= Math.floor(expected) - 1 && rounds <= Math.ceil(expected) + 1, `expected ≈ ${expected.toFixed(1)}`],
    ['heap after a full GC, MB (before → after)', `${heap0} → ${heap1}`, heap1 <= heap0 * 1.1 + 2, 'back to the baseline (±10 % + 2 MB): nothing retained'],
    ['RSS, MB (baseline → peak → 15 s after)', `${baseline} → ${peak} → ${after}`, null, 'the peak includes the running fake nixos-rebuild; V8 keeps heap it grew into; the heap line decides'],
    ['rebuilds run', runs.length, runs.length === 1 && runs[0].id === first.id && runs[0].outcome === 'succeeded' && again.status === 409 && again.id === first.id && streamedThrough, `${runs[0]?.outcome ?? 'none'}; streamed for the whole soak: ${streamedThrough ? 'yes' : 'no'}; a second start halfway: HTTP ${again.status}${again.id === first.id ? ', pointed at the running one' : ''}`],
    ['log lines at the live SSE client', `${late.length} of ${REBUILD_LINES}`, !!seen && seen.end !== null && !seen.error && late.length === REBUILD_LINES, `${seen ? (seen.error ?? (seen.end ? 'end event received' : 'no end event')) : 'no end within 60 s'}; print to arrival p95 ${p95} ms, max ${late[late.length - 1]} ms (reported)`],
  ];
}

const checks = [];
try {
  const cookie = await signIn(stack.url);
  if (process.env.SOAK_ONLY !== 'streams') checks.push(...(await polling(stack, cookie)));
  console.log(`soak: ${STALLED} event-stream clients that never read, during a ${FLOOD_MB} MB rebuild log…`);
  checks.push(...(await stalledStreams(stack, cookie, { clients: STALLED, mb: FLOOD_MB })));
} finally {
  for (const [name, value, pass, note] of checks) console.log(`  ${pass === null ? '·' : pass ? '✓' : '✗'} ${name}: ${value} (${note})`);
  process.exitCode = checks.length === 0 || checks.some((c) => c[2] === false) ? 1 : 0;
  await stack.stop();
}

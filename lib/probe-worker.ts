import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from './config-schema';
import { newRoundState, probeRound } from './probe-round';

// The poller on its own thread and event loop: a server saturated with requests cannot delay a
// round, and a round's spawns and sockets never queue behind page renders.

const config = (workerData as { config: Config }).config;
const state = newRoundState(config);

async function tick(): Promise<void> {
  const began = Date.now();
  try {
    parentPort?.postMessage({ type: 'snapshot', snapshot: await probeRound(config, state) });
  } catch (e) {
    parentPort?.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
  setTimeout(() => void tick(), Math.max(0, config.pollIntervalMs - (Date.now() - began)));
}

void tick();

import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startMatrixSim, type MatrixSim } from '../../demo/lab/matrix-sim.mjs';
import { startNtfySink, type Sink } from '../../demo/lab/ntfy-sink.mjs';
import type { SimServer } from '../../demo/lab/sim-server.mjs';
import { memoryAlertsDb } from './alerts-db';
import { channels, rig, T0, type Rig } from './engine-test-helpers';
import type { AlertEvent } from './events';

// Shared by the engine test files: the lab's Matrix simulator and sink on loopback, a fresh rig
// (engine, in-memory store, fake clock) before each test, stopped after it.

export interface Setup {
  matrix: MatrixSim;
  matrixServer: SimServer;
  sink: Sink;
  sinkServer: SimServer;
  r: Rig;
}

export const s = {} as Setup;

export function useEngineRig(): void {
  beforeAll(async () => {
    ({ matrix: s.matrix, server: s.matrixServer } = await startMatrixSim());
    ({ sink: s.sink, server: s.sinkServer } = await startNtfySink());
  });
  afterAll(async () => {
    await s.matrixServer.stop();
    await s.sinkServer.stop();
  });
  beforeEach(async () => {
    s.matrix.reset();
    s.sink.reset();
    await s.matrixServer.setCondition('up');
    s.r = rig(memoryAlertsDb(), channels(s.matrixServer.url, s.sinkServer.url));
    return () => s.r.engine.stop();
  });
}

export const down = (at = T0, incidentId = 1): AlertEvent => ({ type: 'down', incidentId, service: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm', at, reason: 'connection refused' });
export const recovered = (at: number, incidentId = 1): AlertEvent => ({ type: 'recovered', incidentId, service: 'jellyfin', name: 'Jellyfin', machine: 'mini-vm', at, downForMs: at - T0 });
export const posted = () => s.matrix.received().messages.map((m) => String(m.content.body));
export const sunk = () => s.sink.received().received.map((m) => m.message);

/** Decide what was submitted and deliver what is due at the rig's clock. */
export async function settle(at?: number) {
  if (at !== undefined) s.r.clock.now = at;
  s.r.engine.flush();
  s.r.engine.worker.kick();
  await s.r.engine.idle();
}

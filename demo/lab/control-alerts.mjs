import path from 'node:path';
import { createMatrixSim, MATRIX_DEMO, withMatrix } from './matrix-sim.mjs';
import { createSink } from './ntfy-sink.mjs';
import { SimServer } from './sim-server.mjs';

// The lab's alert receivers and their control routes. The Matrix simulator lives inside the
// Synapse simulator's server (one port, like the real homeserver); the ntfy-like sink has its own.

/**
 * Control routes, for the lab's control server:
 *   GET  /matrix          what the room received, and every request (mode, attempts)
 *   POST /matrix          {mode, times?, retryAfterMs?}  mode: ok | forbidden | unknown-token |
 *                         rate-limit | hang | garbage | drop-answer | refuse (the Synapse port closes)
 *   GET  /sink            what the sink received
 *   POST /sink            {mode, times?}  mode: ok | error | hang | refuse
 *   POST /alerts/reset    both back to ok, nothing received
 * POST /reset resets them too and is then left to the lab.
 */
export function createAlertSims() {
  const matrix = createMatrixSim();
  const sink = createSink();
  let matrixServer;
  let sinkServer;

  const bad = (error) => ({ status: 400, body: { error } });
  const done = { status: 200, body: { ok: true } };

  async function setServer(server, mode) {
    if (mode === 'refuse') await server.setCondition('refuse');
    else if (server.condition === 'refuse') await server.setCondition('up');
  }

  async function reset() {
    matrix.reset();
    sink.reset();
    await sinkServer?.setCondition('up');
  }

  /** One control request; undefined when the route is not one of these. */
  async function control(method, path, body = {}) {
    if (method === 'GET' && path === '/matrix') return { status: 200, body: { ...matrix.received(), serverCondition: matrixServer?.condition } };
    if (method === 'GET' && path === '/sink') return { status: 200, body: { ...sink.received(), serverCondition: sinkServer?.condition } };
    if (method !== 'POST') return undefined;
    if (path === '/reset') return void (await reset());
    if (path === '/alerts/reset') return (await reset(), done);
    const [sim, server] = path === '/matrix' ? [matrix, matrixServer] : path === '/sink' ? [sink, sinkServer] : [];
    if (!sim) return undefined;
    const why = sim.setMode(body);
    if (why) return bad(why);
    if (server) await setServer(server, body.mode);
    return done;
  }

  return {
    matrix,
    sink,
    /** Wrap the Synapse simulator's handler so the same port serves the Matrix client API. */
    withMatrix: (fallback) => withMatrix(matrix, fallback),
    async start({ matrixServer: server, sinkPort = 0 }) {
      matrixServer = server;
      sinkServer = await new SimServer('ntfy-sink', sink.handle, sinkPort).start();
    },
    /** Where the dashboard's notifiers point in the lab. The token is the demo bot's, not a secret. */
    info() {
      return { homeserver: matrixServer.url, roomId: MATRIX_DEMO.roomId, alias: MATRIX_DEMO.alias, user: MATRIX_DEMO.user, token: MATRIX_DEMO.token, sinkUrl: sinkServer.url };
    },
    control,
    async stop() {
      await sinkServer?.stop();
    },
  };
}

/**
 * The dashboard's alerting in the lab: the bot posts into the demo room on the simulated Synapse,
 * and the ntfy-like sink is its fallback (it gets nothing else). Tests make the waits shorter.
 */
export function alertsConfig(stateDir, info, { settleSeconds = 30, retries = 2, retryDelayMs = 2000, maxRetryDelayMs = 30_000, remindEveryMinutes = 60 } = {}) {
  const tokenFile = JSON.stringify(path.join(stateDir, 'matrix.token'));
  return `maintenance: { settleSeconds: ${settleSeconds} }
notifications:
  - { id: matrix, kind: matrix, homeserver: "${info.homeserver}", room: "${info.alias}", tokenFile: ${tokenFile}, fallback: phone, retries: ${retries}, retryDelayMs: ${retryDelayMs}, maxRetryDelayMs: ${maxRetryDelayMs}, remindEveryMinutes: ${remindEveryMinutes}, timeoutMs: 3000 }
  - { id: phone, kind: ntfy, url: "${info.sinkUrl}/mini-vm-alerts", events: [], retries: ${retries}, retryDelayMs: ${retryDelayMs}, maxRetryDelayMs: ${maxRetryDelayMs}, timeoutMs: 3000 }
`;
}

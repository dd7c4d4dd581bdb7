import crypto from 'node:crypto';
import { modeSwitch } from './mode-switch.mjs';
import { send, SimServer } from './sim-server.mjs';

// A Matrix client-server API simulator: the three endpoints the dashboard's alerts use (room
// send, alias lookup, reading messages back), with switches for the errors a real homeserver
// gives (reference/synapse.md §9). It serves inside the Synapse simulator, so a Synapse that is
// down (refuse, hang) takes its client API down with it, as the real one does.

/** POST /matrix {mode}: how the client API answers; 'refuse' closes the whole server's port. */
export const matrixModes = ['ok', 'forbidden', 'unknown-token', 'rate-limit', 'hang', 'garbage', 'drop-answer', 'refuse'];

export const MATRIX_DEMO = Object.freeze({
  serverName: 'mini-vm',
  user: '@dashboard:mini-vm',
  token: 'syt_ZGFzaGJvYXJk_mvdDemoBotToken0000_1a2b3c',
  roomId: '!alertsRoom0demo:mini-vm',
  alias: '#lab:mini-vm',
});

const JSON_T = 'application/json';
const PREFIX = /^\/_matrix\/client\/(?:v3|r0)\//;
const err = (res, status, errcode, error, extra = {}, headers = {}) => send(res, status, JSON_T, JSON.stringify({ errcode, error, ...extra }), headers);
const ok = (res, body) => send(res, 200, JSON_T, JSON.stringify(body));

function tokenOf(req, url) {
  const m = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
  return m ? m[1].trim() : (url.searchParams.get('access_token') ?? undefined);
}

async function readBody(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 65536) return { tooLarge: true };
  }
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? { json: v } : {};
  } catch {
    return {};
  }
}

export function createMatrixSim(demo = MATRIX_DEMO) {
  const users = new Map([[demo.token, demo.user]]);
  const modes = modeSwitch(matrixModes);
  const modeFor = (kinds) => modes.take(kinds);
  let state;
  const reset = () => {
    modes.reset();
    state = { retryAfterMs: 2000, members: new Set([demo.user]), events: [], txns: new Map(), attempts: [] };
  };
  reset();
  const note = (a) => {
    state.attempts.push({ at: new Date().toISOString(), ...a });
    if (state.attempts.length > 500) state.attempts.shift();
  };

  function authorise(req, res, url, kind) {
    const token = tokenOf(req, url);
    if (!token) return void (note({ kind, status: 401, errcode: 'M_MISSING_TOKEN' }), err(res, 401, 'M_MISSING_TOKEN', 'Missing access token'));
    if (!users.has(token) || modeFor(['unknown-token']) === 'unknown-token') {
      note({ kind, status: 401, errcode: 'M_UNKNOWN_TOKEN' });
      return void err(res, 401, 'M_UNKNOWN_TOKEN', 'Invalid access token passed.', { soft_logout: false });
    }
    return { token, user: users.get(token) };
  }

  function lookupAlias(req, res, url, alias) {
    if (!authorise(req, res, url, 'alias')) return;
    if (modeFor(['hang']) === 'hang') return note({ kind: 'alias', status: 'hang' });
    if (alias !== demo.alias) return void (note({ kind: 'alias', status: 404, errcode: 'M_NOT_FOUND' }), err(res, 404, 'M_NOT_FOUND', `Room alias ${alias} not found`));
    note({ kind: 'alias', status: 200 });
    ok(res, { room_id: demo.roomId, servers: [demo.serverName] });
  }

  async function sendEvent(req, res, url, roomId, type, txnId) {
    const who = authorise(req, res, url, 'send');
    if (!who) return;
    const mode = modeFor(['forbidden', 'rate-limit', 'hang', 'garbage', 'drop-answer']);
    const base = { kind: 'send', txnId };
    if (mode === 'hang') return note({ ...base, status: 'hang' });
    if (mode === 'rate-limit') {
      note({ ...base, status: 429, errcode: 'M_LIMIT_EXCEEDED' });
      return err(res, 429, 'M_LIMIT_EXCEEDED', 'Too Many Requests', { retry_after_ms: state.retryAfterMs }, { 'retry-after': String(Math.ceil(state.retryAfterMs / 1000)) });
    }
    if (mode === 'forbidden' || roomId !== demo.roomId || !state.members.has(who.user)) {
      note({ ...base, status: 403, errcode: 'M_FORBIDDEN' });
      return err(res, 403, 'M_FORBIDDEN', `User ${who.user} not in room ${roomId}`);
    }
    const body = await readBody(req);
    if (body.tooLarge) return err(res, 413, 'M_TOO_LARGE', 'event too large');
    if (!body.json) return err(res, 400, 'M_NOT_JSON', 'Content not JSON.');
    // Idempotent per access token and transaction id, as the spec requires.
    const txnKey = `${who.token}\u0000${roomId}\u0000${txnId}`;
    let eventId = state.txns.get(txnKey);
    if (!eventId) {
      eventId = `$${crypto.randomBytes(12).toString('base64url')}`;
      state.txns.set(txnKey, eventId);
      state.events.push({ event_id: eventId, type, room_id: roomId, sender: who.user, origin_server_ts: Date.now(), content: body.json, txn_id: txnId });
    }
    note({ ...base, status: mode === 'drop-answer' ? 'dropped' : mode === 'garbage' ? 'garbage' : 200, eventId });
    if (mode === 'drop-answer') return void req.socket.destroy(); // posted, but the answer is lost
    if (mode === 'garbage') return send(res, 200, 'text/html', '<html><body>502 Bad Gateway</body></html>');
    ok(res, { event_id: eventId });
  }

  function readMessages(req, res, url, roomId) {
    const who = authorise(req, res, url, 'messages');
    if (!who) return;
    if (roomId !== demo.roomId || !state.members.has(who.user)) return err(res, 403, 'M_FORBIDDEN', `User ${who.user} not in room ${roomId}`);
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit')) || 10, 1), 1000);
    const events = state.events.map(({ txn_id, ...e }) => ({ ...e, unsigned: e.sender === who.user ? { transaction_id: txn_id } : {} }));
    const chunk = url.searchParams.get('dir') === 'f' ? events.slice(0, limit) : events.reverse().slice(0, limit);
    ok(res, { chunk, start: 't0', end: `t${chunk.length}` });
  }

  /** Serves the Matrix client paths it knows; returns false for anything else. */
  function handle(req, res, path) {
    if (!PREFIX.test(path)) return false;
    const url = new URL(req.url ?? '/', 'http://sim');
    const rest = path.replace(PREFIX, '').split('/').map((s) => decodeURIComponent(s));
    if (req.method === 'GET' && rest[0] === 'directory' && rest[1] === 'room' && rest.length === 3) lookupAlias(req, res, url, rest[2]);
    else if (req.method === 'PUT' && rest[0] === 'rooms' && rest[2] === 'send' && rest.length === 5) void sendEvent(req, res, url, rest[1], rest[3], rest[4]);
    else if (req.method === 'GET' && rest[0] === 'rooms' && rest[2] === 'messages' && rest.length === 3) readMessages(req, res, url, rest[1]);
    else if (req.method === 'GET' && rest.join('/') === 'account/whoami') {
      const who = authorise(req, res, url, 'whoami');
      if (who) ok(res, { user_id: who.user, device_id: 'DASHBOARD' });
    } else return false;
    return true;
  }

  function setMode(body) {
    const { retryAfterMs } = body;
    if (retryAfterMs !== undefined && !(Number.isInteger(retryAfterMs) && retryAfterMs >= 0)) return 'retryAfterMs must be a whole number of ms';
    const bad = modes.set(body);
    if (!bad && retryAfterMs !== undefined) state.retryAfterMs = retryAfterMs;
    return bad;
  }

  /** What the room holds and every request seen, for the control API; tokens are never listed. */
  const received = () => ({
    mode: modes.mode,
    times: modes.times,
    retryAfterMs: state.retryAfterMs,
    roomId: demo.roomId,
    alias: demo.alias,
    messages: state.events.map((e) => ({ eventId: e.event_id, txnId: e.txn_id, sender: e.sender, at: new Date(e.origin_server_ts).toISOString(), content: e.content })),
    attempts: [...state.attempts],
  });

  return { demo, handle, setMode, received, reset, get mode() { return modes.mode; } };
}

/** A SimServer handler that serves the Matrix client API first, then `fallback` (the Synapse simulator). */
export function withMatrix(matrix, fallback) {
  return (req, res, condition, path) => matrix.handle(req, res, path) || fallback(req, res, condition, path);
}

/** The simulator on its own loopback port (tests); the lab serves it inside the Synapse one. */
export async function startMatrixSim(port = 0, demo = MATRIX_DEMO) {
  const matrix = createMatrixSim(demo);
  const notFound = (req, res) => err(res, 404, 'M_UNRECOGNIZED', 'Unrecognized request');
  const server = await new SimServer('matrix', withMatrix(matrix, notFound), port).start();
  return { matrix, server };
}

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

/** One homeserver's client API as the dashboard's bot sees it: one room, one alias, one bot account. */
class MatrixSimulator {
  #modes = modeSwitch(matrixModes);
  #users;
  #state;

  constructor(demo) {
    this.demo = demo;
    this.#users = new Map([[demo.token, demo.user]]);
    this.reset();
  }

  get mode() {
    return this.#modes.mode;
  }

  reset() {
    this.#modes.reset();
    this.#state = { retryAfterMs: 2000, members: new Set([this.demo.user]), events: [], txns: new Map(), attempts: [] };
  }

  #note(a) {
    this.#state.attempts.push({ at: new Date().toISOString(), ...a });
    if (this.#state.attempts.length > 500) this.#state.attempts.shift();
  }

  /** The caller's account, or undefined once it has answered 401. */
  #authorise(req, res, url, kind) {
    const token = tokenOf(req, url);
    if (!token) return void (this.#note({ kind, status: 401, errcode: 'M_MISSING_TOKEN' }), err(res, 401, 'M_MISSING_TOKEN', 'Missing access token'));
    if (!this.#users.has(token) || this.#modes.take(['unknown-token']) === 'unknown-token') {
      this.#note({ kind, status: 401, errcode: 'M_UNKNOWN_TOKEN' });
      return void err(res, 401, 'M_UNKNOWN_TOKEN', 'Invalid access token passed.', { soft_logout: false });
    }
    return { token, user: this.#users.get(token) };
  }

  #lookupAlias(req, res, url, alias) {
    if (!this.#authorise(req, res, url, 'alias')) return;
    if (this.#modes.take(['hang']) === 'hang') return this.#note({ kind: 'alias', status: 'hang' });
    if (alias !== this.demo.alias) {
      this.#note({ kind: 'alias', status: 404, errcode: 'M_NOT_FOUND' });
      return err(res, 404, 'M_NOT_FOUND', `Room alias ${alias} not found`);
    }
    this.#note({ kind: 'alias', status: 200 });
    ok(res, { room_id: this.demo.roomId, servers: [this.demo.serverName] });
  }

  /** Answers before the body is read when the mode or the room says no; true when it did. */
  #refuseSend(res, who, roomId, txnId, mode) {
    const base = { kind: 'send', txnId };
    if (mode === 'hang') {
      this.#note({ ...base, status: 'hang' });
    } else if (mode === 'rate-limit') {
      const wait = this.#state.retryAfterMs;
      this.#note({ ...base, status: 429, errcode: 'M_LIMIT_EXCEEDED' });
      err(res, 429, 'M_LIMIT_EXCEEDED', 'Too Many Requests', { retry_after_ms: wait }, { 'retry-after': String(Math.ceil(wait / 1000)) });
    } else if (mode === 'forbidden' || roomId !== this.demo.roomId || !this.#state.members.has(who.user)) {
      this.#note({ ...base, status: 403, errcode: 'M_FORBIDDEN' });
      err(res, 403, 'M_FORBIDDEN', `User ${who.user} not in room ${roomId}`);
    } else return false;
    return true;
  }

  /** The event for this token and txnId: the one posted before, or a new one (idempotent, as the spec requires). */
  #post(who, roomId, type, txnId, content) {
    const key = `${who.token}\u0000${roomId}\u0000${txnId}`;
    let eventId = this.#state.txns.get(key);
    if (!eventId) {
      eventId = `$${crypto.randomBytes(12).toString('base64url')}`;
      this.#state.txns.set(key, eventId);
      this.#state.events.push({ event_id: eventId, type, room_id: roomId, sender: who.user, origin_server_ts: Date.now(), content, txn_id: txnId });
    }
    return eventId;
  }

  async #sendEvent(req, res, url, roomId, type, txnId) {
    const who = this.#authorise(req, res, url, 'send');
    if (!who) return;
    const mode = this.#modes.take(['forbidden', 'rate-limit', 'hang', 'garbage', 'drop-answer']);
    if (this.#refuseSend(res, who, roomId, txnId, mode)) return;
    const body = await readBody(req);
    if (body.tooLarge) return err(res, 413, 'M_TOO_LARGE', 'event too large');
    if (!body.json) return err(res, 400, 'M_NOT_JSON', 'Content not JSON.');
    const eventId = this.#post(who, roomId, type, txnId, body.json);
    this.#note({ kind: 'send', txnId, status: mode === 'drop-answer' ? 'dropped' : mode === 'garbage' ? 'garbage' : 200, eventId });
    if (mode === 'drop-answer') return void req.socket.destroy(); // posted, but the answer is lost
    if (mode === 'garbage') return send(res, 200, 'text/html', '<html><body>502 Bad Gateway</body></html>');
    ok(res, { event_id: eventId });
  }

  #readMessages(req, res, url, roomId) {
    const who = this.#authorise(req, res, url, 'messages');
    if (!who) return;
    if (roomId !== this.demo.roomId || !this.#state.members.has(who.user)) return err(res, 403, 'M_FORBIDDEN', `User ${who.user} not in room ${roomId}`);
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit')) || 10, 1), 1000);
    const events = this.#state.events.map(({ txn_id, ...e }) => ({ ...e, unsigned: e.sender === who.user ? { transaction_id: txn_id } : {} }));
    const chunk = url.searchParams.get('dir') === 'f' ? events.slice(0, limit) : events.reverse().slice(0, limit);
    ok(res, { chunk, start: 't0', end: `t${chunk.length}` });
  }

  /** Serves the Matrix client paths it knows; returns false for anything else. */
  handle(req, res, path) {
    if (!PREFIX.test(path)) return false;
    const url = new URL(req.url ?? '/', 'http://sim');
    const rest = path.replace(PREFIX, '').split('/').map((s) => decodeURIComponent(s));
    // "GET directory/3/room", "PUT rooms/5/send", "GET rooms/3/messages": method, first segment, length, verb.
    const route = `${req.method} ${rest[0]}/${rest.length}/${rest[0] === 'rooms' ? rest[2] : rest[1]}`;
    if (route === 'GET directory/3/room') this.#lookupAlias(req, res, url, rest[2]);
    else if (route === 'PUT rooms/5/send') void this.#sendEvent(req, res, url, rest[1], rest[3], rest[4]);
    else if (route === 'GET rooms/3/messages') this.#readMessages(req, res, url, rest[1]);
    else if (req.method === 'GET' && rest.join('/') === 'account/whoami') {
      const who = this.#authorise(req, res, url, 'whoami');
      if (who) ok(res, { user_id: who.user, device_id: 'DASHBOARD' });
    } else return false;
    return true;
  }

  /** From POST /matrix: {mode, times?, retryAfterMs?}; returns why not, or null. */
  setMode(body) {
    const { retryAfterMs } = body;
    if (retryAfterMs !== undefined && !(Number.isInteger(retryAfterMs) && retryAfterMs >= 0)) return 'retryAfterMs must be a whole number of ms';
    const bad = this.#modes.set(body);
    if (!bad && retryAfterMs !== undefined) this.#state.retryAfterMs = retryAfterMs;
    return bad;
  }

  /** What the room holds and every request seen, for the control API; tokens are never listed. */
  received() {
    return {
      mode: this.#modes.mode,
      times: this.#modes.times,
      retryAfterMs: this.#state.retryAfterMs,
      roomId: this.demo.roomId,
      alias: this.demo.alias,
      messages: this.#state.events.map((e) => ({ eventId: e.event_id, txnId: e.txn_id, sender: e.sender, at: new Date(e.origin_server_ts).toISOString(), content: e.content })),
      attempts: [...this.#state.attempts],
    };
  }
}

export function createMatrixSim(demo = MATRIX_DEMO) {
  return new MatrixSimulator(demo);
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

import { modeSwitch } from './mode-switch.mjs';
import { send, SimServer } from './sim-server.mjs';

// Where the lab's fallback notifiers deliver: an ntfy-like server (POST /topic with a text body
// and Title / Priority / Tags headers, or a JSON publish to /) that also takes JSON webhooks.
// It records what arrived, so tests and the demo can see every message.

/** POST /sink {mode}: ok, error (HTTP 500), hang (accepts, never answers), refuse (port closed). */
export const sinkModes = ['ok', 'error', 'hang', 'refuse'];

const JSON_T = 'application/json';

function headerOf(req, ...names) {
  for (const n of names) {
    const v = req.headers[n];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

async function readText(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 65536) return null;
  }
  return text;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One message as ntfy would store it: from a text publish (headers) or a JSON publish (fields). */
function record(req, path, text) {
  const base = { at: new Date().toISOString(), path, authorized: Boolean(req.headers.authorization) };
  const isJson = String(req.headers['content-type'] ?? '').includes('json');
  const json = isJson ? parseJson(text) : undefined;
  if (isJson && json && typeof json === 'object' && path === '/' && typeof json.topic === 'string') {
    return { ...base, kind: 'ntfy', topic: json.topic, title: json.title, priority: json.priority, tags: json.tags ?? [], message: json.message ?? '' };
  }
  if (isJson) return { ...base, kind: 'json', json: json ?? null, valid: json !== undefined, text: json === undefined ? text.slice(0, 2000) : undefined };
  const tags = headerOf(req, 'tags', 'ta', 'x-tags');
  return {
    ...base,
    kind: 'ntfy',
    topic: path.slice(1),
    title: headerOf(req, 'title', 't', 'x-title'),
    priority: Number(headerOf(req, 'priority', 'p', 'x-priority') ?? 3),
    tags: tags ? tags.split(',').map((t) => t.trim()) : [],
    message: text,
  };
}

export function createSink() {
  const modes = modeSwitch(sinkModes);
  let state;
  const reset = () => {
    modes.reset();
    state = { received: [], seq: 0 };
  };
  reset();

  async function publish(req, res, path) {
    const text = await readText(req);
    if (text === null) return send(res, 413, JSON_T, JSON.stringify({ code: 41301, http: 413, error: 'request entity too large' }));
    const mode = modes.take();
    if (mode === 'hang') return;
    if (mode === 'error') return send(res, 500, JSON_T, JSON.stringify({ code: 50001, http: 500, error: 'internal server error (demo sink set to error)' }));
    const msg = { id: `m${++state.seq}`, ...record(req, path, text) };
    state.received.push(msg);
    if (state.received.length > 1000) state.received.shift();
    if (msg.kind === 'json') return send(res, 200, JSON_T, JSON.stringify({ ok: true }));
    send(res, 200, JSON_T, JSON.stringify({ id: msg.id, time: Math.floor(Date.now() / 1000), event: 'message', topic: msg.topic, title: msg.title, message: msg.message }));
  }

  function handle(req, res, _condition, path) {
    if (req.method !== 'POST' && req.method !== 'PUT') return send(res, 405, JSON_T, JSON.stringify({ code: 40501, http: 405, error: 'method not allowed' }));
    void publish(req, res, path);
  }

  return { handle, setMode: (body) => modes.set(body), reset, received: () => ({ mode: modes.mode, times: modes.times, received: [...state.received] }) };
}

/** The sink on its own loopback port. */
export async function startNtfySink(port = 0) {
  const sink = createSink();
  const server = await new SimServer('ntfy-sink', sink.handle, port).start();
  return { sink, server };
}

import { fork } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

/**
 * A loopback server that misbehaves on purpose, one behaviour per path, for the fault suite.
 * Every behaviour is what a broken or hostile service on the LAN could do to a probe.
 */
export const behaviours = {
  ok: (req, res) => send(res, 200, 'text/plain', 'OK'),
  // What healthy Jellyfin answers on the paths that decide reachability and health.
  jellyfinPing: (req, res) => send(res, 200, 'application/json', '"Jellyfin Server"'),
  jellyfinHealthy: (req, res) => send(res, 200, 'text/plain', 'Healthy'),
  hang: () => {}, // accepted, never answered
  trickle: (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const t = setInterval(() => res.write('.'), 100);
    res.on('close', () => clearInterval(t));
  },
  html503: (req, res) => send(res, 503, 'text/html', '<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>'),
  garbage: (req, res) => send(res, 200, 'application/json', '\u0000\u0001{"Vers\u00ff<<garbage'),
  wrongShape: (req, res) => send(res, 200, 'application/json', JSON.stringify([{ hello: 'world' }])),
  huge: (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 10 * 1024 * 1024 });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < 10 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => (sent = Infinity));
    pump();
  },
  loop: (req, res) => send(res, 302, 'text/plain', '', { location: req.url }),
  offsite: (req, res) => send(res, 302, 'text/plain', '', { location: 'http://elsewhere.invalid/' }),
  auth401: (req, res) => send(res, 401, 'application/json', JSON.stringify({ errcode: 'M_MISSING_TOKEN', error: 'Missing access token' })),
  auth403: (req, res) => send(res, 403, 'text/plain', 'Forbidden'),
  notHttp: (req, res) => res.socket.end('SSH-2.0-OpenSSH_9.6\r\n'),
};

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Start a server whose every path behaves as `pick(path)` names; stop() also ends hung sockets. */
export async function startHostile(pick) {
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const name = pick((req.url ?? '/').split('?')[0]);
    behaviours[name](req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(() => r()));
    },
  };
}

/** A loopback port with nothing listening: connections are refused. */
export async function refusedPort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(() => r()));
  return port;
}

/**
 * A loopback listener that never accepts: a child process listens with a tiny backlog and then
 * blocks its event loop; once the backlog is full, new connections wait in SYN_SENT until the
 * client gives up. This is a connect timeout without any non-loopback address.
 */
export async function unacceptingPort() {
  const child = fork(new URL('./never-accept.mjs', import.meta.url), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (c) => reject(new Error(`never-accept exited ${c}`)));
  });
  const fillers = [];
  for (let i = 0; i < 16; i++) {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => {});
    fillers.push(s);
    const connected = await new Promise((r) => {
      const t = setTimeout(() => r(false), 200);
      s.once('connect', () => {
        clearTimeout(t);
        r(true);
      });
    });
    if (!connected) break;
  }
  return {
    port,
    stop() {
      for (const s of fillers) s.destroy();
      child.kill('SIGKILL');
    },
  };
}

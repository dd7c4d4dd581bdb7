import http from 'node:http';
import { send, SimServer } from './sim-server.mjs';

/** Conditions a Caddy hop can be put in: forwarding, port closed, or answering 502 itself. */
export const hopConditions = ['up', 'down', '502'];

/**
 * A tiny reverse proxy on loopback playing one Caddy hop. Like Caddy, it answers 502 when the
 * next hop fails; it only ever forwards to the loopback upstream it was built with.
 */
function proxy(name, upstreamUrl) {
  return (req, res, condition) => {
    if (condition === '502') return send(res, 502, 'text/plain', 'Bad Gateway (demo hop set to 502)');
    const up = new URL(upstreamUrl());
    const fwd = http.request(
      { host: '127.0.0.1', port: up.port, path: req.url, method: req.method, headers: { ...req.headers, host: up.host, 'x-demo-hop': name }, agent: false },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    fwd.on('error', () => {
      if (!res.headersSent) send(res, 502, 'text/plain', 'Bad Gateway: the next hop did not answer');
      else res.destroy();
    });
    res.on('close', () => fwd.destroy());
    req.pipe(fwd);
  };
}

/** mini's Caddy forwards to the service; bee's Caddy forwards to mini. */
export async function startHops(target, ports = {}) {
  const mini = await new SimServer('hop-mini', proxy('mini', () => target.url), ports.mini ?? 0).start();
  const bee = await new SimServer('hop-bee', proxy('bee', () => mini.url), ports.bee ?? 0).start();
  return { mini, bee };
}

export const hopSimCondition = (c) => (c === 'down' ? 'refuse' : c);

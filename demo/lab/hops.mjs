import http from 'node:http';
import { send, SimServer } from './sim-server.mjs';

/** Conditions a Caddy hop can be put in: forwarding, port closed, or answering 502 itself. */
export const hopConditions = ['up', 'down', '502'];

/**
 * A tiny reverse proxy on loopback playing one Caddy hop. Like Caddy, it answers 502 when the
 * next hop fails; it only ever forwards to the loopback upstream it was built with.
 */
function proxy(name, upstreamUrl, stats) {
  return (req, res, condition) => {
    if (condition === '502') return send(res, 502, 'text/plain', 'Bad Gateway (demo hop set to 502)');
    const up = new URL(upstreamUrl());
    stats.active++;
    let counted = true;
    const settle = () => counted && ((counted = false), stats.active--);
    const fwd = http.request(
      { host: '127.0.0.1', port: up.port, path: req.url, method: req.method, headers: { ...req.headers, host: up.host, 'x-demo-hop': name }, agent: false },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.on('end', settle);
        r.pipe(res);
      },
    );
    fwd.on('error', () => {
      if (!res.writableEnded) stats.fails++;
      settle();
      if (!res.headersSent) send(res, 502, 'text/plain', 'Bad Gateway: the next hop did not answer');
      else res.destroy();
    });
    res.on('close', () => {
      settle();
      fwd.destroy();
    });
    req.pipe(fwd);
  };
}

/** Caddy's admin API, the one read-only endpoint the dashboard uses (reference/caddy.md §2). */
function admin(upstreamUrl, stats) {
  return (req, res, _condition, path) => {
    if (path !== '/reverse_proxy/upstreams') return send(res, 404, 'text/plain', '');
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
    const address = new URL(upstreamUrl()).host;
    send(res, 200, 'application/json', JSON.stringify([{ address, num_requests: stats.active, fails: stats.fails }]));
  };
}

/** mini's Caddy forwards to the service; bee's Caddy forwards to mini. mini's admin API is readable. */
export async function startHops(target, ports = {}) {
  const stats = { mini: { active: 0, fails: 0 }, bee: { active: 0, fails: 0 } };
  const mini = await new SimServer('hop-mini', proxy('mini', () => target.url, stats.mini), ports.mini ?? 0).start();
  const bee = await new SimServer('hop-bee', proxy('bee', () => mini.url, stats.bee), ports.bee ?? 0).start();
  const miniAdmin = await new SimServer('admin-mini', admin(() => target.url, stats.mini), ports.miniAdmin ?? 0).start();
  const resetStats = () => Object.values(stats).forEach((st) => (st.fails = 0));
  return { hops: { mini, bee }, miniAdmin, resetStats };
}

export const hopSimCondition = (c) => (c === 'down' ? 'refuse' : c);

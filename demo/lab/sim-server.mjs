import http from 'node:http';

/**
 * A loopback HTTP server whose condition a test can change: answering through its handler,
 * refusing connections (the port really closes), or hanging (accepts, never answers).
 */
export class SimServer {
  constructor(name, handler, port = 0) {
    this.name = name;
    this.handler = handler;
    this.port = port;
    this.condition = 'up';
    this.counts = new Map();
    this.sockets = new Set();
    this.server = null;
  }

  async start() {
    await this.#listen();
    return this;
  }

  #listen() {
    const server = http.createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      // Requests relayed by the demo Caddy hops are not the dashboard's direct probes: not counted.
      if (!req.headers['x-demo-hop']) this.counts.set(path, (this.counts.get(path) ?? 0) + 1);
      if (this.condition === 'hang') return; // the socket stays open, no answer ever comes
      try {
        this.handler(req, res, this.condition, path);
      } catch (e) {
        res.writeHead(500).end(String(e));
      }
    });
    server.keepAliveTimeout = 1000;
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = server.address().port;
        resolve();
      });
    });
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async setCondition(condition) {
    const was = this.condition;
    this.condition = condition;
    for (const s of this.sockets) s.destroy(); // nothing from the old condition lingers
    if (condition === 'refuse' && this.server) {
      await new Promise((r) => this.server.close(() => r()));
      this.server = null;
    } else if (was === 'refuse' && !this.server) {
      await this.#listen();
    }
  }

  count(path) {
    return this.counts.get(path) ?? 0;
  }

  async stop() {
    for (const s of this.sockets) s.destroy();
    if (this.server) await new Promise((r) => this.server.close(() => r()));
    this.server = null;
  }
}

export function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

import net from 'node:net';

// Listen, report the port, then block the event loop so no connection is ever accepted.
const server = net.createServer();
server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
  process.send(server.address().port, () => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
    process.exit(0);
  });
});

// What the simulated services and PID 1 write to the journal, after the real programs' wording.

const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const OFF = '\x1b[0m';
const clock = (ms) => new Date(ms).toISOString().slice(11, 19);

/** Each simulated unit: its description, its program's name and what it logs. */
export const UNIT_CATALOG = {
  'jellyfin.service': {
    description: 'Jellyfin Media Server',
    identifier: 'jellyfin',
    started: (t, bind) => [
      { message: `[${clock(t)}] [INF] [1] Main: Jellyfin version: 10.10.7` },
      { message: `[${clock(t)}] [INF] [1] Main: Environment Variables: ["[JELLYFIN_LOG_DIR, /var/log/jellyfin]", "[JELLYFIN_CACHE_DIR, /var/cache/jellyfin]"]` },
      { message: `[${clock(t)}] [INF] [1] Emby.Server.Implementations.ApplicationHost: Kestrel is listening on ${bind}` },
      { message: `[${clock(t)}] [INF] [1] Main: Startup complete 0:00:04.317` },
    ],
    chatter: (t, i) => [
      { message: `[${clock(t)}] [INF] [${20 + (i % 7)}] Jellyfin.Api.Auth.CustomAuthenticationHandler: Authenticated ivan from 192.168.139.1` },
      { message: `[${clock(t)}] [WRN] [${20 + (i % 5)}] MediaBrowser.Providers.Manager.ProviderManager: ${YELLOW}Unable to find metadata for /srv/media/Home Videos/clip-${i}.mp4${OFF}`, priority: 4 },
      { message: `[${clock(t)}] [DBG] [9] Emby.Server.Implementations.ScheduledTasks.TaskManager: Queuing task Clean Transcode Directory`, priority: 7 },
    ],
    failed: (t) => [
      { message: `${RED}[${clock(t)}] [FTL] [1] Main: Error while starting server${OFF}\nSystem.IO.IOException: Failed to bind to address http://0.0.0.0:8096: address already in use.\n ---> System.Net.Sockets.SocketException (98): Address already in use\n   at System.Net.Sockets.Socket.DoBind(EndPoint endPointSnapshot, SocketAddress socketAddress)`, priority: 2 },
    ],
  },
  'matrix-synapse.service': {
    description: 'Synapse Matrix homeserver',
    identifier: 'synapse',
    started: () => [
      { message: 'synapse.util.caches.lrucache - 216 - INFO - LruCache._expire_old_entries-0 - Dropped 0 items from caches' },
      { message: 'synapse.app.homeserver - 365 - INFO - main - Synapse now listening on TCP port 8008' },
      { message: 'synapse.storage.databases - 66 - INFO - main - [database config \'master\']: Checking database server' },
    ],
    chatter: (t, i) => [
      { message: `synapse.access.http.8008 - 470 - INFO - GET-${i} - 127.0.0.1 - 8008 - {None} Processed request: 0.002sec/0.000sec (0.000sec, 0.000sec) (0.000sec/0.000sec/0) 2B 200 "GET /health HTTP/1.1" "mini-vm-dashboard" [0 dbevts]` },
      { message: `synapse.handlers.presence - 812 - WARNING - persist_presence_changes-${i} - Presence update took 1.2s`, priority: 4 },
    ],
    failed: () => [
      { message: 'synapse.app.homeserver - 399 - ERROR - main - Error during startup:\nTraceback (most recent call last):\n  File "/nix/store/3k1x-matrix-synapse-1.160.0/lib/python3.12/site-packages/synapse/app/homeserver.py", line 394, in setup\n    hs.setup()\npsycopg2.OperationalError: connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: No such file or directory', priority: 3 },
    ],
  },
  'mautrix-telegram.service': {
    description: 'Mautrix-Telegram, a Matrix-Telegram hybrid puppeting/relaybot bridge',
    identifier: 'mautrix-telegram',
    started: () => [{ message: '[mau.init] Initialization complete in 2.41 seconds' }],
    chatter: (t, i) => [{ message: `[mau.as] Received ping from homeserver (txn ${1000 + i})`, priority: 7 }],
    failed: () => [{ message: `${RED}[mau.init] FATAL: failed to connect to homeserver: Post "http://127.0.0.1:8008/_matrix/client/versions": connection refused${OFF}`, priority: 2 }],
  },
  'caddy.service': {
    description: 'Caddy',
    identifier: 'caddy',
    started: () => [{ message: '{"level":"info","ts":1715680800.5,"msg":"serving initial configuration"}' }],
    chatter: () => [],
    failed: () => [{ message: '{"level":"error","msg":"loading config: adapting config using caddyfile: unrecognized directive"}', priority: 3 }],
  },
  'nix-daemon.service': {
    description: 'Nix Daemon',
    identifier: 'nix-daemon',
    started: () => [],
    chatter: (t, i) => [{ message: `accepted connection from pid ${4000 + i}, user ivan` }],
    failed: () => [{ message: 'error: cannot open connection to remote store', priority: 3 }],
  },
};

const pid1 = (unit, message, priority = 6) => ({ unit, message, priority, pid1: true });

/** PID 1's own lines about a unit, as systemd 257 words them. */
export const pid1Lines = {
  starting: (u, d) => [pid1(u, `Starting ${d}...`)],
  started: (u, d) => [pid1(u, `Started ${d}.`)],
  stopping: (u, d) => [pid1(u, `Stopping ${d}...`)],
  stopped: (u, d) => [pid1(u, `${u}: Deactivated successfully.`), pid1(u, `Stopped ${d}.`), pid1(u, `${u}: Consumed 1min 12.408s CPU time, 402.1M memory peak.`)],
  exited: (u) => [pid1(u, `${u}: Main process exited, code=exited, status=1/FAILURE`, 5), pid1(u, `${u}: Failed with result 'exit-code'.`, 4)],
  scheduled: (u, d, n) => [pid1(u, `${u}: Scheduled restart job, restart counter is at ${n}.`), pid1(u, `Stopped ${d}.`), pid1(u, `Starting ${d}...`)],
  gaveUp: (u, d) => [pid1(u, `${u}: Start request repeated too quickly.`, 4), pid1(u, `${u}: Failed with result 'exit-code'.`, 4), pid1(u, `Failed to start ${d}.`, 3)],
};

/**
 * A journal with history: the previous boot (three days ago) and this one, each unit starting
 * and then talking every couple of hours; every fifth line of chatter has no PRIORITY.
 */
export function seedJournalLines({ now, bootAtMs, prevBootAtMs }) {
  const batches = [];
  for (const [boot, from, to] of [[0, prevBootAtMs, bootAtMs - 600_000], [1, bootAtMs, now - 60_000]]) {
    const lines = [];
    for (const [unit, c] of Object.entries(UNIT_CATALOG)) {
      const t = from + 5_000 + lines.length * 50;
      const pid = 700 + lines.length;
      lines.push(...pid1Lines.starting(unit, c.description).map((l) => ({ ...l, timeMs: t })));
      lines.push(...c.started(t, '0.0.0.0').map((l) => ({ ...l, unit, identifier: c.identifier, pid, timeMs: t + 3000 })));
      lines.push(...pid1Lines.started(unit, c.description).map((l) => ({ ...l, timeMs: t + 4000 })));
      let i = 0;
      for (let at = t + 2 * 3_600_000; at < to; at += 2 * 3_600_000 + (i % 3) * 600_000) {
        for (const [k, l] of c.chatter(at, i).entries()) lines.push({ ...l, unit, identifier: c.identifier, pid, timeMs: at + k * 1500, priority: i % 5 === 4 ? null : (l.priority ?? 6) });
        i += 1;
      }
    }
    batches.push({ boot, bootAtMs: from, lines: lines.sort((a, b) => a.timeMs - b.timeMs) });
  }
  return batches;
}

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';

/** autocannon against one URL; the numbers the table needs, and the errors it must not hide. */
export async function load(url, { connections, seconds }) {
  const r = await autocannon({ url, connections, duration: seconds, pipelining: 1 });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bytes: r.throughput.average,
    // autocannon counts timeouts among its errors already.
    errors: r.errors + r.non2xx,
    errorKinds: `${r.errors - r.timeouts} connection errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`,
    total: r.requests.total,
  };
}

const CLK_TCK = 100; // Linux USER_HZ

/** CPU seconds (user + system) of a process and, separately, of the children it has waited for. */
export function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14-17 of stat, counted from the state field (index 0 here = field 3).
  const [utime, stime, cutime, cstime] = [f[11], f[12], f[13], f[14]].map(Number);
  return { self: (utime + stime) / CLK_TCK, children: (cutime + cstime) / CLK_TCK };
}

/** Resident memory in MB of a process and all its descendants. */
export function rssMb(pid) {
  let kb = 0;
  const visit = (p) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const kids = fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      for (const k of kids ? kids.split(/\s+/) : []) visit(k);
    } catch {
      /* gone */
    }
  };
  visit(pid);
  return Math.round(kb / 102.4) / 10;
}

/** First-load JavaScript of a route, gzip, from the build's own diagnostics. */
export function routeJsKb(root, route) {
  const dist = process.env.NEXT_DIST_DIR || '.next';
  const stats = JSON.parse(fs.readFileSync(path.join(root, dist, 'diagnostics/route-bundle-stats.json'), 'utf8'));
  const entry = typeof route === 'string' ? stats.find((s) => s.route === route) : stats.find((s) => route.test(s.route));
  if (!entry) return null;
  let bytes = 0;
  for (const chunk of entry.firstLoadChunkPaths) {
    const file = path.join(root, chunk.replace(/^\.next\//, `${dist}/`));
    bytes += zlib.gzipSync(fs.readFileSync(file)).length;
  }
  return { route: entry.route, kb: Math.round(bytes / 102.4) / 10 };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Two URLs measured in alternating slices (A B B A A B B A …), so a change in the machine's load
 * during the run hits both alike. Returns per-URL totals and the median of the per-pair ratios.
 */
export async function alternate(a, b, { connections, seconds, slices = 4 }) {
  const per = seconds / slices;
  const res = { a: [], b: [] };
  for (let i = 0; i < slices; i++) {
    const order = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const k of order) res[k].push(await load(k === 'a' ? a : b, { connections, seconds: per }));
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const sum = (xs, f) => xs.reduce((n, x) => n + f(x), 0);
  return {
    a: { rps: sum(res.a, (r) => r.rps) / slices, p99: median(res.a.map((r) => r.p99)), errors: sum(res.a, (r) => r.errors) },
    b: { rps: sum(res.b, (r) => r.rps) / slices, p99: median(res.b.map((r) => r.p99)), errors: sum(res.b, (r) => r.errors) },
    rpsRatio: median(res.a.map((r, i) => r.rps / res.b[i].rps)),
    p99Ratio: median(res.a.map((r, i) => r.p99 / Math.max(1, res.b[i].p99))),
  };
}

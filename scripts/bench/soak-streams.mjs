// The soak's second part: stalled event-stream clients during a large rebuild log (issue 12
// point 2). Each stalled client may cost the server at most its bounded buffer; past it, the
// client is let go with a 'closing' event and can resume from the log with Last-Event-ID.
import fs from 'node:fs';
import http from 'node:http';
import { sleep } from './measure.mjs';
import { startRebuild } from './rebuild-api.mjs';

const MB = 1024 * 1024;

/** Resident memory of the server process alone, MB (its children, the fake nixos-rebuild, are not counted). */
export function ownRssMb(pid) {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

/** An event stream over a connection of its own; the last event and id seen, and how it ended. */
function openStream(url, lastId = 0) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: lastId ? { 'last-event-id': String(lastId) } : {} }, (res) => {
      let buf = '';
      const conn = { status: res.statusCode, lastId, last: null, lines: 0, pause: () => res.pause(), resume: () => res.resume(), close: () => req.destroy() };
      conn.ended = new Promise((done) => {
        res.on('end', () => done('end'));
        res.on('close', () => done('closed'));
        res.on('error', () => done('closed'));
      });
      res.setEncoding('utf8');
      res.on('data', (text) => {
        buf += text;
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          if (!event) continue;
          const id = /^id: (\d+)$/m.exec(block)?.[1];
          if (id) conn.lastId = Number(id);
          if (event === 'line') conn.lines += 1;
          conn.last = { event, data: /^data: (.*)$/m.exec(block)?.[1] };
        }
      });
      resolve(conn);
    });
    req.on('error', reject);
  });
}

/** A client that reads, and reconnects with Last-Event-ID whenever the server lets it go, until 'end'. */
async function follow(url, from = 0, maxReconnects = 200) {
  let lastId = from;
  for (let reconnects = 0; reconnects <= maxReconnects; reconnects++) {
    const conn = await openStream(url, lastId);
    await conn.ended;
    lastId = Math.max(lastId, conn.lastId);
    if (conn.last?.event === 'end') return { lastId, reconnects };
  }
  return { lastId, reconnects: maxReconnects, error: 'no end event' };
}

async function heldAt(stack, point) {
  for (const end = Date.now() + 60_000; Date.now() < end; await sleep(100)) {
    if ((await (await fetch(`${stack.lab.controlUrl}/rebuild`)).json()).held?.point === point) return;
  }
  throw new Error(`the fake nixos-rebuild never held at ${point}`);
}

const runOf = async (stack, id) => (await fetch(`${stack.url}/api/rebuild/${id}`)).json();

/** One rebuild with a flood of output, watched by a reading client and `clients` stalled ones. */
async function flood(stack, cookie, { clients, mb }) {
  await stack.control('/rebuild', { scenario: 'flood', bytes: mb * MB, holds: ['evaluated'] });
  const started = await startRebuild(stack.url, cookie);
  if (started.status !== 202) throw new Error(`the flood did not start: HTTP ${started.status}`);
  const url = `${stack.url}/api/rebuild/${started.id}/events`;
  await heldAt(stack, 'evaluated');
  await sleep(2000);
  const baseline = ownRssMb(stack.pid);
  const stalled = [];
  for (let i = 0; i < clients; i++) {
    const s = await openStream(url);
    s.pause();
    stalled.push(s);
  }
  const reader = follow(url);
  const t0 = Date.now();
  await stack.control('/rebuild/release');
  let peak = baseline;
  let run;
  for (;;) {
    peak = Math.max(peak, ownRssMb(stack.pid));
    run = await runOf(stack, started.id);
    if (run.outcome !== 'running') break;
    await sleep(100);
  }
  const seconds = (Date.now() - t0) / 1000;
  for (const s of stalled) s.resume();
  const ends = await Promise.all(stalled.map(async (s) => ({ how: await s.ended, last: s.last, lastId: s.lastId })));
  return { url, baseline, peak, grew: Math.round((peak - baseline) * 10) / 10, seconds, run, ends, followed: await reader };
}

const letGo = (e) => e.last?.event === 'closing' && JSON.parse(e.last.data).reason === 'too-far-behind' && JSON.parse(e.last.data).lastEventId === e.lastId;

/**
 * The phase: one flood with only a reading client (V8 grows its heap to what this rate of output
 * needs, which no client changes), then the same flood with the stalled clients too, measured
 * from where the first left the server. Rows for the soak's table: [name, value, pass, note].
 */
export async function stalledStreams(stack, cookie, { clients, mb }) {
  const warm = await flood(stack, cookie, { clients: 0, mb });
  const f = await flood(stack, cookie, { clients, mb });
  // A stalled client resumes from where it was let go, as a browser's EventSource would.
  const resumed = await follow(f.url, f.ends[0]?.lastId ?? 0);
  const released = f.ends.filter(letGo).length;
  const read = [warm.followed, f.followed];
  return [
    [`RSS above baseline, a ${mb} MB log with one reading client, MB`, `${warm.grew} (${warm.baseline} → ${warm.peak})`, null, `the server process alone; the log took ${warm.seconds.toFixed(1)} s; run ${warm.run.outcome}; V8's heap headroom for this rate of output`],
    [`RSS above baseline, the same with ${clients} stalled clients too, MB`, `${f.grew} (${f.baseline} → ${f.peak})`, f.grew < 100, `goal < 100 MB; ${Math.round((f.peak - warm.peak) * 10) / 10} MB above the first run's peak; the log took ${f.seconds.toFixed(1)} s; run ${f.run.outcome}`],
    ['stalled clients let go with a reason', `${released} of ${clients}`, released === clients, "each got 'closing' (too-far-behind) with the last id it was sent"],
    ['reading clients reach the end', read.map((r) => r.error ?? `line ${r.lastId}`).join(', '), read.every((r) => !r.error && r.lastId > 0) && resumed.lastId === f.followed.lastId, `reconnects: ${read.map((r) => r.reconnects).join(', ')}; a stalled one, resumed after line ${f.ends[0]?.lastId}, reaches line ${resumed.lastId}`],
  ];
}

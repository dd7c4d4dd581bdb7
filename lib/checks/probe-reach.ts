import dns from 'node:dns';
import net from 'node:net';
import { describeFailure, run } from '../exec';
import { loopbackLookup, loopbackOnly, netLookup, refuseHost } from '../loopback-only';
import type { Reach } from './expectation';

export interface Observation {
  observed: Reach;
  detail: string;
}

// A target goes into argv after the options; one that starts with "-" would be read as an option.
const SAFE_TARGET = /^[a-zA-Z0-9[\]][a-zA-Z0-9.:\-[\]]*$/;
export const safeTarget = (t: string) => SAFE_TARGET.test(t);

const secs = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));

/** TCP connect from this machine; refused, timed out and unroutable all mean unreachable. */
export function tcpFromHost(host: string, port: number, timeoutMs: number): Promise<Observation> {
  const refused = refuseHost(host);
  if (refused) return Promise.resolve({ observed: 'unknown', detail: `not run: ${refused}` });
  const started = performance.now();
  return new Promise((resolve) => {
    const sock = net.connect({ host: host.replace(/^\[|\]$/g, ''), port, lookup: netLookup() });
    let done = false;
    const finish = (o: Observation) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => finish({ observed: 'unreachable', detail: `TCP :${port}: no connection within ${timeoutMs} ms` }), timeoutMs);
    sock.once('connect', () => finish({ observed: 'reachable', detail: `TCP :${port} connected in ${Math.round(performance.now() - started)} ms` }));
    sock.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOTLOOPBACK') return finish({ observed: 'unknown', detail: `not run: ${e.message}` });
      const why: Record<string, string> = {
        ECONNREFUSED: 'connection refused',
        EHOSTUNREACH: 'host unreachable',
        ENETUNREACH: 'network unreachable',
        ENOTFOUND: 'the name does not resolve',
        EAI_AGAIN: 'the name does not resolve',
      };
      finish({ observed: 'unreachable', detail: `TCP :${port}: ${why[e.code ?? ''] ?? `network error (${e.code ?? e.message})`}` });
    });
  });
}

/** ICMP echo from this machine through the system ping (argv only; flags differ on macOS and Linux). */
export async function pingFromHost(target: string, timeoutMs: number): Promise<Observation> {
  const refused = refuseHost(target);
  if (refused) return { observed: 'unknown', detail: `not run: ${refused}` };
  let address = target;
  if (loopbackOnly() && !net.isIP(target)) {
    // Resolve through the loopback-only lookup first, so ping is only ever handed a loopback address.
    const r = await new Promise<{ ok: boolean; text: string }>((res) =>
      loopbackLookup(target, { family: 0 } as dns.LookupOptions, (err, addr) => res(err ? { ok: false, text: err.message } : { ok: true, text: String(addr) })),
    );
    if (!r.ok) return { observed: 'unknown', detail: `not run: ${r.text}` };
    address = r.text;
  }
  const wait = process.platform === 'darwin' ? ['-t', secs(timeoutMs)] : ['-W', secs(timeoutMs)];
  const r = await run('ping', ['-c', '1', ...wait, address], { timeoutMs: timeoutMs + 1000, maxBytes: 16 * 1024 });
  if (r.spawnError) return { observed: 'unknown', detail: describeFailure('ping', r, timeoutMs) };
  if (r.code === 0) return { observed: 'reachable', detail: 'ping: a reply came back' };
  if (r.timedOut || r.code === 1 || r.code === 2) return { observed: 'unreachable', detail: `ping: no reply within ${timeoutMs} ms` };
  return { observed: 'unknown', detail: describeFailure('ping', r, timeoutMs) };
}

/**
 * Run the probe inside a machine through `orb -m`. NixOS has ping (iputils) and nc (OpenBSD
 * netcat, `-z` connect only) on its base system [inferred, not verified on mini-vm].
 */
export async function fromMachine(orbBin: string, machine: string, target: string, port: number | undefined, timeoutMs: number): Promise<Observation> {
  const probe = port !== undefined ? ['nc', '-z', '-w', secs(timeoutMs), target, String(port)] : ['ping', '-c', '1', '-W', secs(timeoutMs), target];
  const what = port !== undefined ? `TCP :${port} from ${machine}` : `ping from ${machine}`;
  // orb itself needs a moment on top of the probe's own timeout.
  const r = await run(orbBin, ['-m', machine, ...probe], { timeoutMs: timeoutMs + 3000, maxBytes: 16 * 1024 });
  if (r.spawnError) return { observed: 'unknown', detail: describeFailure('orb', r, timeoutMs) };
  if (r.code === 0) return { observed: 'reachable', detail: port !== undefined ? `${what}: connected` : `${what}: a reply came back` };
  if (r.timedOut) return { observed: 'unreachable', detail: `${what}: no answer within ${timeoutMs + 3000} ms` };
  if (r.code === 1) return { observed: 'unreachable', detail: `${what}: ${port !== undefined ? 'no connection' : 'no reply'} within ${timeoutMs} ms` };
  if (r.code === 127) return { observed: 'unknown', detail: `${probe[0]} is not installed in ${machine}` };
  return { observed: 'unknown', detail: describeFailure(`orb -m ${machine} ${probe[0]}`, r, timeoutMs) };
}

import http from 'node:http';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { lab, type LabControl } from './lab';

export const PASSWORD = 'demo-password';

/** Sign in through the form on the status page. */
export async function signIn(page: Page) {
  await page.goto('/');
  const control = page.getByTestId('rebuild-control');
  await expect(control.getByTestId('demo-password')).toContainText(PASSWORD);
  await control.getByLabel('Admin password').fill(PASSWORD);
  await control.getByRole('button', { name: 'Sign in' }).click();
  await expect(control.getByRole('button', { name: 'Rebuild…' })).toBeVisible();
}

/** Same-origin headers as a page of the dashboard would send them. */
export const sameOrigin = (base: string) => ({ origin: base, 'content-type': 'application/json' });

export async function apiSignIn(request: APIRequestContext, base: string) {
  const r = await request.post(`${base}/api/session`, { headers: sameOrigin(base), data: { password: PASSWORD } });
  expect(r.status()).toBe(200);
}

export async function apiStart(request: APIRequestContext, base: string, mode = 'switch') {
  const r = await request.post(`${base}/api/rebuild`, { headers: sameOrigin(base), data: { target: 'mini-vm', mode } });
  expect(r.status()).toBe(202);
  return (await r.json()).id as string;
}

/** Wait until no run is going; a run left over from an earlier test is cancelled. */
export async function settle(request: APIRequestContext, base: string) {
  const current = async () => (await (await request.get(`${base}/api/rebuild`)).json()).current as string | null;
  const id = await current();
  if (id) {
    await apiSignIn(request, base);
    await request.post(`${base}/api/rebuild/${id}/cancel`, { headers: sameOrigin(base) });
  }
  await expect.poll(current, { timeout: 20_000 }).toBeNull();
}

/** Before each rebuild test: no run going, the lab as it starts. */
export async function settleAndReset(request: APIRequestContext, base: string) {
  await settle(request, base);
  await lab.reset();
}

/** Give the fake nixos-rebuild its scenario, sign in through the API and start a run: its id. */
export async function startRun(request: APIRequestContext, base: string, scenario: string, opts: RebuildOptions = {}, control: LabControl = lab) {
  await rebuildLab(control).scenario(scenario, opts);
  await apiSignIn(request, base);
  return apiStart(request, base);
}

export async function waitForOutcome(request: APIRequestContext, base: string, id: string, timeout = 30_000) {
  await expect.poll(async () => (await (await request.get(`${base}/api/rebuild/${id}`)).json()).outcome, { timeout }).not.toBe('running');
  return (await request.get(`${base}/api/rebuild/${id}`)).json();
}

export interface RebuildLabState {
  held: { point: string; pid: number } | null;
  releases: number;
  /** nixos-rebuild processes of the simulated VM that are alive now. */
  processes: { pid: number; argv: string[] }[];
  /** Each switch that started while another was running (there must never be one). */
  overlaps: { pid: number; others: number[] }[];
}

/**
 * The demo lab's rebuild controls (demo/lab/rebuild-control.mjs): the fake nixos-rebuild's next
 * scenario, points where it holds until released, and a look at the simulated VM's processes.
 */
export function rebuildLab(control: LabControl = lab) {
  const post = async (path: string, body: unknown = {}) => {
    const r = await fetch(control.controlUrl + path, { method: 'POST', body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`lab ${path}: HTTP ${r.status} ${await r.text()}`);
    return r.json();
  };
  const state = async (): Promise<RebuildLabState> => (await fetch(`${control.controlUrl}/rebuild`)).json();
  return {
    /** holds: 'evaluated', 'built:N' or 'activating'; the run waits at each until release(). */
    scenario: (scenario: string, opts: RebuildOptions = {}) => post('/rebuild', { scenario, ...opts }),
    release: () => post('/rebuild/release'),
    state,
    /** Resolves once the running fake waits at this point. */
    heldAt: (point: string) => expect.poll(async () => (await state()).held?.point ?? null, { timeout: 20_000 }).toBe(point),
    /** SIGKILL every process of the simulated VM. */
    kill: () => post('/rebuild/kill'),
    /** Whether a command run through `orb -m` outlives a killed orb client. */
    orbDetached: (detached: boolean) => post('/orb-exec', { detached }),
  };
}

export interface RebuildOptions {
  speed?: number;
  bytes?: number;
  lines?: number;
  holds?: string[];
}

/** A raw Server-Sent Events reader: every event as { event, id, data } until the stream ends. */
export async function readEvents(url: string, headers: Record<string, string> = {}) {
  const text = await (await fetch(url, { headers })).text();
  return text.split('\n\n').filter((b) => b.trim() && !b.startsWith(':')).map((block) => {
    const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
    return { event: field('event') ?? 'message', id: field('id'), data: field('data') };
  });
}

export interface StreamEvent {
  event: string;
  id?: string;
  data?: string;
}

export interface EventConnection {
  status: number;
  /** The last events received (at most 50), the number of all of them, and the last id seen. */
  events: StreamEvent[];
  count: number;
  lastId: number;
  /** Resolves when the server ends the stream ('end') or the connection breaks ('closed'). */
  ended: Promise<'end' | 'closed'>;
  /** Stop reading: the server's writes pile up behind a full socket, as with a stalled client. */
  pause(): void;
  resume(): void;
  close(): void;
}

/** An event stream read as it arrives, over a connection of its own. */
export function openEvents(url: string, headers: Record<string, string> = {}): Promise<EventConnection> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      let buf = '';
      let settle: (how: 'end' | 'closed') => void = () => {};
      const conn: EventConnection = {
        status: res.statusCode ?? 0,
        events: [],
        count: 0,
        lastId: 0,
        ended: new Promise((r) => (settle = r)),
        pause: () => res.pause(),
        resume: () => res.resume(),
        close: () => req.destroy(),
      };
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        buf += text;
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
          if (!field('event') && !field('data')) continue;
          const ev = { event: field('event') ?? 'message', id: field('id'), data: field('data') };
          if (ev.id) conn.lastId = Number(ev.id);
          conn.count += 1;
          conn.events.push(ev);
          if (conn.events.length > 50) conn.events.shift();
        }
      });
      res.on('end', () => settle('end'));
      res.on('close', () => settle('closed'));
      res.on('error', () => settle('closed'));
      resolve(conn);
    });
    req.on('error', reject);
  });
}

/** Whether a process is still there (the harness reaps its children, so a dead one is gone). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const ended = (outcome: string) => outcome !== 'running' && outcome !== 'orphaned';

/** Wait until a run has really ended: neither running under this server nor orphaned. */
export async function waitForEnd(request: APIRequestContext, base: string, id: string, timeout = 30_000) {
  await expect.poll(async () => ended((await (await request.get(`${base}/api/rebuild/${id}`)).json()).outcome), { timeout }).toBe(true);
  return (await request.get(`${base}/api/rebuild/${id}`)).json();
}

/**
 * Follow a stream to its 'end' as a browser's EventSource does: when the server lets this client
 * go (it fell behind) or the connection breaks, reconnect with Last-Event-ID. Resolves with the
 * last id seen and how many times it had to reconnect.
 */
export async function followToEnd(url: string, maxReconnects = 20): Promise<{ lastId: number; reconnects: number }> {
  let lastId = 0;
  for (let reconnects = 0; reconnects <= maxReconnects; reconnects++) {
    const conn = await openEvents(url, lastId ? { 'last-event-id': String(lastId) } : {});
    await conn.ended;
    lastId = Math.max(lastId, conn.lastId);
    if (conn.events.at(-1)?.event === 'end') return { lastId, reconnects };
  }
  throw new Error(`no end event after ${maxReconnects} reconnects`);
}

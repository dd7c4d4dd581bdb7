// The rebuild API as a signed-in page uses it, for the bench and the soak (same as e2e/rebuild-helpers.ts).
export const PASSWORD = process.env.DASHBOARD_PASSWORD ?? 'demo-password';

/** Same-origin headers as a page of the dashboard would send them. */
export const sameOrigin = (base) => ({ origin: base, 'content-type': 'application/json' });

/** Sign in; returns the session cookie to send with mutations. */
export async function signIn(base) {
  const r = await fetch(`${base}/api/session`, { method: 'POST', headers: sameOrigin(base), body: JSON.stringify({ password: PASSWORD }) });
  if (!r.ok) throw new Error(`sign-in failed: HTTP ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie;
}

/** Start a rebuild of mini-vm; returns the HTTP status and the run id (also on 409, the running one). */
export async function startRebuild(base, cookie) {
  const r = await fetch(`${base}/api/rebuild`, { method: 'POST', headers: { ...sameOrigin(base), cookie }, body: JSON.stringify({ target: 'mini-vm', mode: 'switch' }) });
  const body = await r.json().catch(() => ({}));
  return { status: r.status, id: body.id ?? body.error?.id ?? null };
}

export async function listRebuilds(base) {
  return (await fetch(`${base}/api/rebuild`)).json();
}

/**
 * A live Server-Sent Events client for one run: counts line events and notes, for lines the fake
 * stamped with its print time, how late they arrived here. Resolves `done` at the end event.
 */
export function followRun(base, id) {
  const ctl = new AbortController();
  const seen = { lines: 0, late: [], end: null, error: null };
  const done = (async () => {
    try {
      const r = await fetch(`${base}/api/rebuild/${id}/events`, { signal: ctl.signal });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      const dec = new TextDecoder();
      let buf = '';
      for await (const chunk of r.body) {
        const now = Date.now();
        buf += dec.decode(chunk, { stream: true });
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const ev = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const type = /^event: (.+)$/m.exec(ev)?.[1];
          const data = /^data: (.*)$/m.exec(ev)?.[1];
          if (type === 'line') {
            seen.lines++;
            const stamp = /printed-at (\d+)/.exec(JSON.parse(data).text);
            if (stamp) seen.late.push(now - Number(stamp[1]));
          } else if (type === 'end') seen.end = JSON.parse(data);
        }
      }
    } catch (e) {
      if (!ctl.signal.aborted) seen.error = String(e?.cause?.code ?? e?.message ?? e);
    }
    return seen;
  })();
  return { seen, done, stop: () => ctl.abort() };
}

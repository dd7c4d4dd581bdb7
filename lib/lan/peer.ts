import { randomBytes } from 'node:crypto';
import dc from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The proxy cannot see the TCP peer, and X-Forwarded-For is whatever the client sent (Next only
 * fills it in when it is missing). So the HTTP server's own request channel stamps each request
 * with the socket's address and a per-process token a client cannot know; any copy of the header
 * that came from outside is overwritten first.
 */
export const PEER_HEADER = 'x-dashboard-peer';

interface PeerState {
  token: string;
  installed: boolean;
}
const KEY = Symbol.for('mini-vm-dashboard.peer');
const g = globalThis as unknown as Record<symbol, PeerState | undefined>;
const state: PeerState = (g[KEY] ??= { token: randomBytes(18).toString('base64url'), installed: false });

export function installPeerStamp(): void {
  if (state.installed) return;
  state.installed = true;
  dc.subscribe('http.server.request.start', (msg) => {
    const { request, socket } = msg as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = `${state.token} ${socket.remoteAddress ?? ''}`;
  });
}


/** The client's address as the socket saw it, or null when the stamp is missing or forged. */
export function readPeer(headers: Headers): string | null {
  const v = headers.get(PEER_HEADER);
  if (!v) return null;
  const space = v.indexOf(' ');
  if (space < 0 || v.slice(0, space) !== state.token) return null;
  return v.slice(space + 1) || null;
}

import fs from 'node:fs';
import type { MatrixNotifierConfig } from '../config';
import type { Channel, ChannelOptions } from './channel';
import { originOf, policyOf } from './channel';
import { MatrixClient, type MatrixOutcome } from './matrix';
import type { AttemptResult } from './queue-store';

/** The token, read once when the notifier is built; a problem is kept in words and said on every attempt. */
function readToken(n: MatrixNotifierConfig, env: Partial<NodeJS.ProcessEnv>): { token: string } | { problem: string } {
  if (n.tokenEnv) {
    const v = env[n.tokenEnv]?.trim();
    return v ? { token: v } : { problem: `the variable ${n.tokenEnv} that should hold the bot's access token is not set` };
  }
  try {
    const v = fs.readFileSync(/* turbopackIgnore: true */ n.tokenFile!, 'utf8').trim();
    return v ? { token: v } : { problem: `the token file ${n.tokenFile} is empty` };
  } catch (e) {
    return { problem: `the token file ${n.tokenFile} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

export function attemptOf(o: MatrixOutcome): AttemptResult {
  if (o.ok) return { ok: true };
  return { ok: false, code: o.code, message: o.message, retryable: o.retryable, ...(o.retryAfterMs !== undefined ? { retryAfterMs: o.retryAfterMs } : {}) };
}

export function matrixChannel(n: MatrixNotifierConfig, opts: ChannelOptions): Channel {
  const read = readToken(n, opts.env ?? process.env);
  // The client keeps the token in a private field; nothing else here holds it.
  const client = 'token' in read ? new MatrixClient({ homeserver: n.homeserver, room: n.room, token: read.token }, { timeoutMs: n.timeoutMs, log: opts.log }) : null;
  const problem = 'problem' in read ? read.problem : '';
  return {
    id: n.id,
    kind: 'matrix',
    where: `Matrix room ${n.room} on ${originOf(n.homeserver) || n.homeserver}`,
    origin: originOf(n.homeserver),
    filter: { events: n.events, services: n.services },
    remindEveryMinutes: n.remindEveryMinutes,
    fallback: n.fallback,
    timeoutMs: n.timeoutMs,
    policy: (test) => policyOf(n, test),
    async send(message, _event, key) {
      if (!client) return { ok: false, code: 'M_MISSING_TOKEN', message: `${problem}; nothing was sent`, retryable: false };
      return attemptOf(await client.send(message, key));
    },
  };
}

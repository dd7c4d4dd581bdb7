import { createHash } from 'node:crypto';
import { requestJson } from './json-http';
import { readAnswer, transportFailure, type MatrixFailure, type MatrixOutcome } from './matrix-outcome';
import type { RenderedAlert } from './messages';

export type { MatrixFailure, MatrixFailureCode, MatrixOutcome, MatrixSent } from './matrix-outcome';

export interface MatrixTarget {
  /** The homeserver's client-server API base, e.g. http://mini-vm.orb.local:8008 */
  homeserver: string;
  /** A room id (!abc:server) or an alias (#lab:server). */
  room: string;
  /** The bot's access token, already read from tokenFile / tokenEnv. */
  token: string;
}

export interface MatrixOptions {
  /** Per request (alias lookup and send each get their own). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** The Matrix txnId for an event: from its stable key, never from the attempt, so a retry cannot post twice. */
export function txnIdFor(eventKey: string): string {
  return `mvd-${createHash('sha256').update(eventKey).digest('hex').slice(0, 32)}`;
}

export const isRoomAlias = (room: string) => room.startsWith('#');
export const isRoomId = (room: string) => room.startsWith('!');

/** The m.room.message content for one alert: a notice, the bot msgtype clients never answer. */
export function noticeContent(m: Pick<RenderedAlert, 'plain' | 'html'>): Record<string, string> {
  return { msgtype: 'm.notice', body: m.plain, format: 'org.matrix.custom.html', formatted_body: m.html };
}

/**
 * One Matrix notifier. The token lives in a private field: it is sent as a header and appears in
 * no message, log line or returned value (a server echoing it back is scrubbed too).
 */
export class MatrixClient {
  readonly homeserver: string;
  readonly room: string;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #log: (line: string) => void;
  #roomId: Promise<string | MatrixFailure> | undefined;

  constructor(target: MatrixTarget, opts: MatrixOptions = {}) {
    this.homeserver = target.homeserver.replace(/\/+$/, '');
    this.room = target.room;
    this.#token = target.token;
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.#log = opts.log ?? (() => {});
    if (isRoomId(target.room)) this.#roomId = Promise.resolve(target.room);
  }

  /** The room id: the configured one, or the alias resolved once (a failed lookup is tried again next time). */
  resolveRoom(): Promise<string | MatrixFailure> {
    if (!isRoomId(this.room) && !isRoomAlias(this.room)) {
      return Promise.resolve(this.#fail({ ok: false, code: 'M_NOT_FOUND', retryable: false, ms: 0, message: `"${this.room}" is neither a room id (!…) nor an alias (#…).` }));
    }
    if (!this.#roomId) {
      const lookup = this.#lookupAlias();
      this.#roomId = lookup;
      void lookup.then((r) => {
        if (typeof r !== 'string' && this.#roomId === lookup) this.#roomId = undefined;
      });
    }
    return this.#roomId;
  }

  async #lookupAlias(): Promise<string | MatrixFailure> {
    const url = `${this.homeserver}/_matrix/client/v3/directory/room/${encodeURIComponent(this.room)}`;
    const r = await requestJson(url, { method: 'GET', headers: this.#auth(), timeoutMs: this.#timeoutMs });
    if (!r.ok) return this.#fail(transportFailure(r));
    const a = readAnswer(r, 'room_id', { what: 'alias', room: this.room });
    if ('ok' in a) return this.#fail(a);
    if (!isRoomId(a.value)) return this.#fail({ ok: false, code: 'garbage', retryable: true, ms: a.ms, message: `the alias ${this.room} resolved to "${a.value.slice(0, 80)}", not a room id.` });
    return a.value;
  }

  /** Post one alert as an m.notice; `eventKey` is the event's stable key (see alertKey). Never throws. */
  async send(message: Pick<RenderedAlert, 'plain' | 'html'>, eventKey: string): Promise<MatrixOutcome> {
    const txnId = txnIdFor(eventKey);
    const roomId = await this.resolveRoom();
    if (typeof roomId !== 'string') return roomId;
    const url = `${this.homeserver}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
    const r = await requestJson(url, { method: 'PUT', headers: this.#auth(), body: noticeContent(message), timeoutMs: this.#timeoutMs });
    if (!r.ok) return this.#fail(transportFailure(r));
    const a = readAnswer(r, 'event_id', { what: 'send', room: this.room });
    // An alias may have been moved to another room since it was resolved: look it up again next time.
    if ('ok' in a && isRoomAlias(this.room) && (a.code === 'M_FORBIDDEN' || a.code === 'M_NOT_FOUND')) this.#roomId = undefined;
    if ('ok' in a) return this.#fail(a);
    return { ok: true, eventId: a.value, roomId, txnId, ms: a.ms };
  }

  /** Where this notifier posts, for a page or a log: no token. */
  describe(): string {
    return `Matrix ${this.room} on ${this.homeserver}`;
  }

  toJSON(): { homeserver: string; room: string } {
    return { homeserver: this.homeserver, room: this.room };
  }

  #auth(): Record<string, string> {
    return { authorization: `Bearer ${this.#token}` };
  }

  #fail(f: MatrixFailure): MatrixFailure {
    const scrubbed = this.#token ? { ...f, message: f.message.split(this.#token).join('[token]') } : f;
    this.#log(`matrix ${this.room}: ${scrubbed.code}: ${scrubbed.message}`);
    return scrubbed;
  }
}

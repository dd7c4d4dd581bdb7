import { z } from 'zod';
import { alertCategorySchema } from '../../notify/events';
import { envName, httpUrl, id, ms } from './common';

// Where alerts go. Every notifier has an id (its own, or `<kind>-<n>` from its place in the list),
// filters (events, services), optional reminders, and may name another notifier as its fallback.

const common = {
  id: id.optional(),
  /** Only these kinds of event (absent: all; empty: none, e.g. a notifier used only as a fallback). */
  events: z.array(alertCategorySchema).optional(),
  /** Only events about these service ids (events about no service pass). */
  services: z.array(z.string().min(1)).min(1).optional(),
  /** While a service stays down, say so again this often (off by default). */
  remindEveryMinutes: z.number().int().min(1).max(7 * 24 * 60).optional(),
  /** Another notifier's id: it gets what this one could not deliver within its retries. */
  fallback: id.optional(),
  retries: z.number().int().min(0).max(20).default(3),
  /** The first wait after a failed attempt; it doubles with each failure up to maxRetryDelayMs. */
  retryDelayMs: z.number().int().min(100).max(3600_000).default(5000),
  maxRetryDelayMs: z.number().int().min(100).max(24 * 3600_000).default(15 * 60_000),
};

const webhookSchema = z
  .object({
    ...common,
    kind: z.enum(['json', 'ntfy']),
    url: httpUrl,
    tokenEnv: envName.optional(),
    timeoutMs: ms(5000, 60_000),
  })
  .strict();

const roomRe = /^[!#][^\s:/]{1,255}:[A-Za-z0-9.:[\]-]{1,255}$/;

const matrixSchema = z
  .object({
    ...common,
    kind: z.literal('matrix'),
    /** The homeserver's client-server API, e.g. http://mini-vm.orb.local:8008 */
    homeserver: httpUrl,
    /** A room id (!abc:server) or an alias (#lab:server). */
    room: z.string().regex(roomRe, 'a room id (!abc:server) or an alias (#name:server)'),
    // The bot's access token: a file or a variable holds it, never this file.
    tokenFile: z.string().min(1).optional(),
    tokenEnv: envName.optional(),
    token: z.custom<string>(() => false, 'the access token is never written in the config: name it with tokenFile or tokenEnv').optional(),
    timeoutMs: ms(10_000, 60_000),
  })
  .strict()
  .refine((m) => Boolean(m.tokenFile) !== Boolean(m.tokenEnv), { message: 'name the bot access token with tokenFile or tokenEnv (one of them)', path: ['tokenFile'] });

const notifierSchema = z.discriminatedUnion('kind', [webhookSchema, matrixSchema]);

export type NotifierInput = z.input<typeof notifierSchema>;

/** Ids filled in; ids, fallbacks and service filters checked against the rest of the config. */
export const notificationsSchema = z
  .array(notifierSchema)
  .default([])
  .transform((list) => list.map((n, i) => ({ ...n, id: n.id ?? `${n.kind}-${i + 1}` })))
  .superRefine((list, ctx) => {
    const ids = list.map((n) => n.id);
    list.forEach((n, i) => {
      if (ids.indexOf(n.id) !== i) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate notifier id "${n.id}"` });
      if (n.fallback === n.id) ctx.addIssue({ code: 'custom', path: [i, 'fallback'], message: 'a notifier cannot be its own fallback' });
      else if (n.fallback && !ids.includes(n.fallback)) ctx.addIssue({ code: 'custom', path: [i, 'fallback'], message: `no notifier has the id "${n.fallback}" (ids: ${ids.join(', ')})` });
    });
  });

export type NotifierConfig = z.output<typeof notificationsSchema>[number];
export type MatrixNotifierConfig = Extract<NotifierConfig, { kind: 'matrix' }>;
export type WebhookNotifierConfig = Extract<NotifierConfig, { kind: 'json' | 'ntfy' }>;

import { z } from 'zod';
import { kindOf, serviceKinds } from '../../kinds';
import { envName, httpUrl, id } from './common';

export { serviceKinds, type ServiceKind } from '../../kinds';

const accessPath = z
  .object({
    via: z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'a hop name such as direct, mini or bee'),
    url: httpUrl,
    label: z.string().optional(),
    admin: httpUrl.optional(), // that hop's Caddy admin API, e.g. http://localhost:2019 on the Mac mini
  })
  .strict();

export const serviceSchema = z
  .object({
    id,
    name: z.string().min(1).max(80),
    kind: z.enum(serviceKinds),
    url: httpUrl,
    // Where "open" takes the browser; the probe URL is often only resolvable on the Mac mini.
    openUrl: httpUrl.optional(),
    // Without one, the kind's own default (lib/kinds).
    timeoutMs: z.number().int().min(1).max(60_000).optional(),
    expectStatus: z.number().int().min(100).max(599).optional(),
    // An environment variable or a file holds the key; the config only names them.
    apiKeyEnv: envName.optional(),
    apiKeyFile: z.string().optional(),
    // Filled in when the config loads (lib/config/resolve.ts), from apiKeyEnv or apiKeyFile; the file may not say it.
    apiKey: z.custom<string>(() => false, 'an API key is never written in the config: name it with apiKeyEnv or apiKeyFile').optional(),
    paths: z.array(accessPath).default([]),
  })
  .strict()
  .transform((s) => ({ ...s, timeoutMs: s.timeoutMs ?? kindOf(s.kind).defaults.timeoutMs }));

export type ServiceConfig = z.infer<typeof serviceSchema>;

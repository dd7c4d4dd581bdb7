import { z } from 'zod';
import { envName, httpUrl, ms } from './common';

const webhookSchema = z
  .object({
    kind: z.enum(['json', 'ntfy']),
    url: httpUrl,
    tokenEnv: envName.optional(),
    timeoutMs: ms(5000, 60_000),
    retries: z.number().int().min(0).max(10).default(3),
  })
  .strict();

export const notificationsSchema = z.array(webhookSchema).default([]);

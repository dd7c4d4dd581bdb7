import { z } from 'zod';
import { ms } from './common';

export const checkSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
    name: z.string().optional(),
    from: z.string().min(1), // "host" or a machine name
    target: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).optional(),
    method: z.enum(['tcp', 'ping']).optional(),
    expect: z.enum(['reachable', 'unreachable']),
    timeoutMs: ms(3000, 60_000),
    docs: z.string().optional(),
  })
  .strict();

export type CheckConfig = z.infer<typeof checkSchema>;

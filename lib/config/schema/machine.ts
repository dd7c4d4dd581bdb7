import { z } from 'zod';
import { ms } from './common';
import { serviceSchema } from './service';

export const machineSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/, 'a machine name as orb prints it'),
    expectedAddress: z.string().optional(),
    services: z.array(serviceSchema).default([]),
  })
  .strict();

export const orbSchema = z
  .object({ bin: z.string().optional(), timeoutMs: ms(5000, 120_000) })
  .strict()
  .default({ timeoutMs: 5000 });

export type MachineConfig = z.infer<typeof machineSchema>;
export type OrbConfig = z.infer<typeof orbSchema>;

import { z } from 'zod';
import { ms } from './common';

const rebuildTargetSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
    name: z.string().optional(),
    machine: z.string().optional(),
    // The argv that runs nixos-rebuild; {mode args} and the flake are appended, never interpolated into a shell.
    command: z.array(z.string().min(1)).min(1).optional(),
    flake: z.string().optional(),
  })
  .strict();

export const rebuildSchema = z
  .object({
    flake: z.string().optional(),
    timeoutMs: ms(3600_000, 24 * 3600_000),
    passwordFile: z.string().optional(),
    logCapBytes: z.number().int().min(1024).default(20 * 1024 * 1024),
    targets: z.array(rebuildTargetSchema).optional(),
  })
  .strict()
  .default({ timeoutMs: 3600_000, logCapBytes: 20 * 1024 * 1024 });

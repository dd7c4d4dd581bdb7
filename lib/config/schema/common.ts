import { z } from 'zod';

// Every object is strict: a misspelt key is an error, not a silently ignored setting.

export const ms = (def: number, max = 24 * 3600_000) => z.number().int().min(1).max(max).default(def);

// Only http(s) URLs: probes must never be pointed at file:, data: or other schemes.
export const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http:// or https:// URL');

export const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'lower-case letters, digits and dashes');

// Secrets are named, never written in the file: an environment variable holds the value.
export const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/);

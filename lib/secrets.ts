import type { ServiceConfig } from './config-schema';
import { readSecretFile } from './config';

/**
 * A service's API key from the environment or a file named in the config. It is used for
 * server-side requests only and never placed in a snapshot, a page or a log line.
 */
export function serviceApiKey(s: ServiceConfig): string | undefined {
  if (s.apiKeyEnv) {
    const v = process.env[s.apiKeyEnv]?.trim();
    if (v) return v;
  }
  if (s.apiKeyFile) return readSecretFile(s.apiKeyFile) || undefined;
  return undefined;
}

import type { Config, ServiceConfig } from './config-schema';
import { ConfigError, readSecretFile } from './config';

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

/** At start-up: every secret file the config names must be readable, or the server does not start. */
export function checkSecretFiles(config: Config): void {
  for (const m of config.machines) {
    for (const s of m.services) {
      if (!s.apiKeyFile) continue;
      try {
        readSecretFile(s.apiKeyFile);
      } catch (e) {
        throw new ConfigError(`machines.${m.name}.services.${s.id}.apiKeyFile: ${(e as Error).message}`);
      }
    }
  }
}

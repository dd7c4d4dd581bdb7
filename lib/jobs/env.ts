import type { Config } from '../config-schema';

/**
 * The environment a job's command gets: the dashboard's own, without any variable that holds
 * one of its secrets (DASHBOARD_*, the services' API keys, the webhooks' tokens).
 */
export function childEnv(config: Pick<Config, 'machines' | 'notifications'>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const secret = new Set(
    [
      ...Object.keys(env).filter((k) => k.startsWith('DASHBOARD_')),
      ...config.machines.flatMap((m) => m.services.map((s) => s.apiKeyEnv)),
      ...config.notifications.map((n) => n.tokenEnv),
    ].filter((k): k is string => Boolean(k)),
  );
  return Object.fromEntries(Object.entries(env).filter(([k]) => !secret.has(k))) as NodeJS.ProcessEnv;
}

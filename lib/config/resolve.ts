import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './error';
import type { Where } from './lines';
import type { Config, NotifierConfig, ServiceConfig } from './schema';

export interface ResolveContext {
  /** Folder that relative paths in the file are resolved against. */
  baseDir: string;
  env: Partial<NodeJS.ProcessEnv>;
  /** "file:line" of a field, for messages. */
  where: Where;
}

/** Resolve a path from the config file against the file's own folder; `~/` is the home folder. */
export function resolveFrom(baseDir: string, p: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(os.homedir(), p.slice(1));
  return path.resolve(/* turbopackIgnore: true */ baseDir, p);
}

/**
 * The config as the server uses it, worked out once when it loads: every path absolute, every
 * API key read from its variable or file. A secret file that cannot be read stops the server
 * here, naming the field and the line, instead of failing later inside a probe.
 */
export function resolveConfig(config: Config, ctx: ResolveContext): Config {
  const at = (p: string) => resolveFrom(ctx.baseDir, p);
  const fromEnv = ctx.env.DASHBOARD_DATA_DIR;
  const dataDir = fromEnv ? path.resolve(/* turbopackIgnore: true */ process.cwd(), fromEnv) : config.dataDir ? at(config.dataDir) : path.resolve(/* turbopackIgnore: true */ process.cwd(), 'data');
  const passwordFile = config.rebuild.passwordFile;
  // The password is read by the sign-in code each time it is needed; here it only has to be readable.
  if (passwordFile) readSecret(at(passwordFile), passwordFile, ['rebuild', 'passwordFile'], ctx);
  return {
    ...config,
    dataDir,
    ...(config.docs?.dir ? { docs: { ...config.docs, dir: at(config.docs.dir) } } : {}),
    rebuild: { ...config.rebuild, ...(passwordFile ? { passwordFile: at(passwordFile) } : {}) },
    machines: config.machines.map((m, mi) => ({ ...m, services: m.services.map((s, si) => withApiKey(s, ['machines', mi, 'services', si], ctx)) })),
    notifications: config.notifications.map((n, ni) => checkedToken(n, ['notifications', ni], ctx)),
  };
}

/**
 * A Matrix bot token must be there when the server starts, or every alert would fail later. It is
 * only checked here: the notifier reads it when it is built, and the config never holds it.
 */
function checkedToken(n: NotifierConfig, at: (string | number)[], ctx: ResolveContext): NotifierConfig {
  if (n.kind !== 'matrix') return n;
  if (n.tokenEnv) {
    if (!ctx.env[n.tokenEnv]?.trim()) throw new ConfigError(`${ctx.where([...at, 'tokenEnv'])}: ${[...at, 'tokenEnv'].join('.')}: the variable ${n.tokenEnv} is not set (it should hold the bot's access token)`);
    return n;
  }
  const file = resolveFrom(ctx.baseDir, n.tokenFile!);
  if (!readSecret(file, n.tokenFile!, [...at, 'tokenFile'], ctx)) throw new ConfigError(`${ctx.where([...at, 'tokenFile'])}: ${[...at, 'tokenFile'].join('.')}: the token file ${n.tokenFile} is empty`);
  return { ...n, tokenFile: file };
}

function withApiKey(s: ServiceConfig, at: (string | number)[], ctx: ResolveContext): ServiceConfig {
  // A named file must be readable even when the variable wins: a broken setting is said at once.
  const fromFile = s.apiKeyFile ? readSecret(resolveFrom(ctx.baseDir, s.apiKeyFile), s.apiKeyFile, [...at, 'apiKeyFile'], ctx) : undefined;
  const apiKey = (s.apiKeyEnv ? ctx.env[s.apiKeyEnv]?.trim() : undefined) || fromFile;
  return apiKey ? { ...s, apiKey } : s;
}

function readSecret(file: string, written: string, field: (string | number)[], ctx: ResolveContext): string {
  try {
    return fs.readFileSync(/* turbopackIgnore: true */ file, 'utf8').trim();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`${ctx.where(field)}: ${field.join('.')}: cannot read the secret file ${written} (${code})`);
  }
}

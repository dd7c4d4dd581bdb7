import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from './config/error';
import { locator, type Where } from './config/lines';
import { resolveConfig, resolveFrom } from './config/resolve';
import { configSchema, defaultConfigInput, type Config } from './config/schema';

export type { Config, ServiceConfig, MachineConfig, CheckConfig, ServiceKind, OrbConfig, NotifierConfig, MatrixNotifierConfig, WebhookNotifierConfig } from './config/schema';
export { ConfigError } from './config/error';
export { resolveFrom } from './config/resolve';

export interface LoadedConfig {
  /** Validated and resolved: paths absolute (dataDir, docs.dir, rebuild.passwordFile), API keys read. */
  config: Config;
  /** Where it came from: a file path, or "built-in defaults". */
  source: string;
  /** Folder that relative paths in the file are resolved against. */
  baseDir: string;
}

/** Parse and validate config text, nothing resolved yet. Throws ConfigError naming the field and the line. */
export function parseConfig(text: string, source: string): Config {
  return parseText(text, source).config;
}

function parseText(text: string, source: string): { config: Config; where: Where } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    // Without prettyErrors the error only carries offsets; turn them into a line and column.
    const pos = e.linePos?.[0] ?? (e.pos ? lines.linePos(e.pos[0]) : undefined);
    const where = pos ? `${source}:${pos.line}:${pos.col}` : source;
    throw new ConfigError(`${where}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const input = doc.toJS() ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError(`${source}: the config must be a YAML mapping (key: value), not ${Array.isArray(input) ? 'a list' : typeof input}`);
  }
  const where = locator(source, doc, lines);
  const result = configSchema.safeParse(input);
  if (result.success) return { config: result.data, where };

  const issue = result.error.issues[0];
  let p = [...issue.path] as (string | number)[];
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) p = [...p, issue.keys[0]];
  const field = p.length > 0 ? p.join('.') : '(top level)';
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
  throw new ConfigError(`${where(p)}: ${field}: ${issue.message}${more}`);
}

export function defaultConfig(): Config {
  return configSchema.parse(defaultConfigInput);
}

/**
 * Load the config named by DASHBOARD_CONFIG (or ./dashboard.config.yaml) and resolve it. Without
 * that default file the built-in home lab is used; a file that was asked for by name must exist.
 */
export function loadConfig(env: Partial<NodeJS.ProcessEnv> = process.env): LoadedConfig {
  const explicit = env.DASHBOARD_CONFIG;
  const file = path.resolve(/* turbopackIgnore: true */ process.cwd(), explicit || 'dashboard.config.yaml');
  let text: string;
  try {
    text = fs.readFileSync(/* turbopackIgnore: true */ file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') {
      const baseDir = process.cwd();
      return { config: resolveConfig(defaultConfig(), { baseDir, env, where: () => 'built-in defaults' }), source: 'built-in defaults', baseDir };
    }
    throw new ConfigError(`${file}: cannot read the config file (${code ?? 'error'})`);
  }
  if (text.length > 1024 * 1024) throw new ConfigError(`${file}: the config file is larger than 1 MB`);
  const baseDir = path.dirname(file);
  const { config, where } = parseText(text, file);
  return { config: resolveConfig(config, { baseDir, env, where }), source: file, baseDir };
}

let cached: LoadedConfig | undefined;
const secrets = new Map<string, string>();

/** The server's config, loaded and resolved once per process. Call it at the edge (routes, pages, start-up) and pass slices down. */
export function getLoadedConfig(): LoadedConfig {
  cached ??= loadConfig();
  return cached;
}

export function getConfig(): Config {
  return getLoadedConfig().config;
}

/** Resolve a path from the config file against the file's own folder; `~/` is the home folder. */
export function resolveConfigPath(p: string): string {
  return resolveFrom(getLoadedConfig().baseDir, p);
}

/** Where the SQLite store and logs go: DASHBOARD_DATA_DIR, else dataDir from the config, else ./data (resolved at load). */
export function dataDir(): string {
  return getConfig().dataDir!;
}

/** Read a secret from a file named in the config; never logged, never sent to the browser. */
export function readSecretFile(p: string): string {
  // Read once per process, like the config itself: the password is checked on every page render.
  const file = resolveConfigPath(p);
  const known = secrets.get(file);
  if (known !== undefined) return known;
  try {
    const value = fs.readFileSync(/* turbopackIgnore: true */ file, 'utf8').trim();
    secrets.set(file, value);
    return value;
  } catch (err) {
    throw new ConfigError(`cannot read secret file ${p} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** For tests: forget the cached config so the next call reloads it. */
export function resetConfigCache(): void {
  cached = undefined;
  secrets.clear();
}

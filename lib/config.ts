import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { configSchema, defaultConfigInput, type Config } from './config-schema';

export type { Config, ServiceConfig, MachineConfig, CheckConfig, ServiceKind } from './config-schema';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig {
  config: Config;
  /** Where it came from: a file path, or "built-in defaults". */
  source: string;
  /** Folder that relative paths in the file are resolved against. */
  baseDir: string;
}

/** Parse and validate config text. Throws ConfigError naming the field and the line. */
export function parseConfig(text: string, source: string): Config {
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
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  // Point at the deepest node that exists in the file, so an unknown key or missing field still gets a line.
  let p = [...issue.path] as (string | number)[];
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) p = [...p, issue.keys[0]];
  let line: number | undefined;
  for (let n = p.length; n >= 0 && line === undefined; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(p.slice(0, n), true);
    if (isNode(node) && node.range) line = lines.linePos(node.range[0]).line;
  }
  const field = p.length > 0 ? p.join('.') : '(top level)';
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
  throw new ConfigError(`${source}${line ? `:${line}` : ''}: ${field}: ${issue.message}${more}`);
}

export function defaultConfig(): Config {
  return configSchema.parse(defaultConfigInput);
}

/**
 * Load the config named by DASHBOARD_CONFIG (or ./dashboard.config.yaml). Without that default
 * file the built-in home lab is used; a file that was asked for by name must exist.
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
      return { config: defaultConfig(), source: 'built-in defaults', baseDir: process.cwd() };
    }
    throw new ConfigError(`${file}: cannot read the config file (${code ?? 'error'})`);
  }
  if (text.length > 1024 * 1024) throw new ConfigError(`${file}: the config file is larger than 1 MB`);
  return { config: parseConfig(text, file), source: file, baseDir: path.dirname(file) };
}

let cached: LoadedConfig | undefined;
const secrets = new Map<string, string>();

/** The server's config, loaded once per process. */
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

export function resolveFrom(baseDir: string, p: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(os.homedir(), p.slice(1));
  return path.resolve(/* turbopackIgnore: true */ baseDir, p);
}

export function dataDir(): string {
  const fromEnv = process.env.DASHBOARD_DATA_DIR;
  if (fromEnv) return path.resolve(/* turbopackIgnore: true */ process.cwd(), fromEnv);
  const c = getConfig().dataDir;
  return c ? resolveConfigPath(c) : path.resolve(/* turbopackIgnore: true */ process.cwd(), 'data');
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

import fs from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { ConfigError, resolveFrom, type LoadedConfig } from './config';

/** Every place the config names a file that holds a secret, as a path into the YAML. */
function secretFields(l: LoadedConfig): { path: (string | number)[]; file: string }[] {
  const out: { path: (string | number)[]; file: string }[] = [];
  l.config.machines.forEach((m, mi) =>
    m.services.forEach((s, si) => {
      if (s.apiKeyFile) out.push({ path: ['machines', mi, 'services', si, 'apiKeyFile'], file: s.apiKeyFile });
    }),
  );
  if (l.config.rebuild.passwordFile) out.push({ path: ['rebuild', 'passwordFile'], file: l.config.rebuild.passwordFile });
  return out;
}

function lineOf(source: string, p: (string | number)[]): number | undefined {
  try {
    const lines = new LineCounter();
    const doc = parseDocument(fs.readFileSync(/* turbopackIgnore: true */ source, 'utf8'), { lineCounter: lines });
    const node = doc.getIn(p, true);
    return isNode(node) && node.range ? lines.linePos(node.range[0]).line : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Read each secret file once at start-up, so a missing or unreadable one stops the server with
 * the field and line, instead of failing later inside a probe. The contents are not kept.
 */
export function checkSecretFiles(l: LoadedConfig): void {
  for (const f of secretFields(l)) {
    try {
      fs.readFileSync(/* turbopackIgnore: true */ resolveFrom(l.baseDir, f.file));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      const line = lineOf(l.source, f.path);
      throw new ConfigError(`${l.source}${line ? `:${line}` : ''}: ${f.path.join('.')}: cannot read the secret file ${f.file} (${code})`);
    }
  }
}

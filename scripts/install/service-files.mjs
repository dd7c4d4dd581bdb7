// Writing the service file so that a failed install leaves what was there before: the new file
// takes the name in one rename, and undo() puts the old one back (or removes the new one).
import fs from 'node:fs';
import path from 'node:path';

export function replaceFile(file, text) {
  const before = fs.existsSync(file) ? fs.readFileSync(file) : null;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.new-${process.pid}`;
  fs.writeFileSync(tmp, text, { mode: 0o644 });
  fs.renameSync(tmp, file);
  return {
    undo() {
      if (before === null) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, before);
    },
  };
}

/** The HOST/PORT a written service file names, so status knows where to ask for /api/health. */
export function listenOf(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const plist = (k) => new RegExp(`<key>${k}</key><string>([^<]*)</string>`).exec(text)?.[1];
  const unit = (k) => new RegExp(`^Environment="?${k}=([^"\\n]*)"?$`, 'm').exec(text)?.[1];
  const host = plist('HOST') ?? unit('HOST');
  const port = plist('PORT') ?? unit('PORT');
  return port ? { host: host ?? '0.0.0.0', port } : null;
}

/** /api/health on the address the service listens on (loopback for a wildcard bind). */
export async function health({ host, port }, timeoutMs = 3000) {
  const h = ['0.0.0.0', '::', '', 'localhost'].includes(host) ? '127.0.0.1' : host;
  const url = `http://${h.includes(':') ? `[${h}]` : h}:${port}/api/health`;
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { url, ok: r.ok, text: `HTTP ${r.status}` };
  } catch (e) {
    return { url, ok: false, text: e.cause?.code ?? e.name };
  }
}

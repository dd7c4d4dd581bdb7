import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Git for the demo's flake checkout and for tests that need a real repository: hermetic (no
// global or system config, no hooks, no GIT_* from the caller), with a fixed author.

export function hermeticGitEnv(when) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  const id = { GIT_AUTHOR_NAME: 'Ivan', GIT_AUTHOR_EMAIL: 'ivan@mini.lan', GIT_COMMITTER_NAME: 'Ivan', GIT_COMMITTER_EMAIL: 'ivan@mini.lan' };
  const date = when === undefined ? {} : { GIT_AUTHOR_DATE: `@${Math.floor(when / 1000)} +0000`, GIT_COMMITTER_DATE: `@${Math.floor(when / 1000)} +0000` };
  return { ...env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...id, ...date };
}

/** Run git in `dir`; its stdout, trimmed. `when` (ms) dates a commit; `input` goes to stdin. Throws when git fails. */
export function git(dir, args, { when, input } = {}) {
  const base = ['-C', dir, '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];
  return execFileSync('git', [...base, ...args], { env: hermeticGitEnv(when), encoding: 'utf8', input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] }).trim();
}

/**
 * Many commits on main in one git process (fast-import): each { subject, when (ms), files }.
 * Their hashes, oldest first.
 */
export function importCommits(dir, commits) {
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const stream = commits
    .map((c) => {
      const stamp = `${Math.floor(c.when / 1000)} +0000`;
      const files = Object.entries(c.files).map(([p, content]) => (content === null ? `D ${p}\n` : `M 100644 inline ${p}\n${data(content)}`));
      return `commit refs/heads/main\nauthor Ivan <ivan@mini.lan> ${stamp}\ncommitter Ivan <ivan@mini.lan> ${stamp}\n${data(c.subject)}${files.join('')}`;
    })
    .join('\n');
  git(dir, ['fast-import', '--quiet'], { input: stream });
  git(dir, ['reset', '-q', '--hard', 'main']);
  return git(dir, ['rev-list', '--reverse', 'main']).split('\n');
}

/** Write (or, for null, delete) files below `dir`. */
export function writeFiles(dir, files) {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    if (content === null) fs.rmSync(p, { force: true });
    else {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    }
  }
}

/** Write the files and commit everything as one commit at `when`; the new commit's hash. */
export function commitFiles(dir, files, message, when = Date.now()) {
  writeFiles(dir, files);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', message], { when });
  return git(dir, ['rev-parse', 'HEAD']);
}

/** A new repository in `dir` (made if missing). */
export function initRepo(dir) {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q']);
}

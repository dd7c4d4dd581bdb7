import { parseRevision } from './revision';

// rebuild.commitUrl, e.g. "https://git.example/ivan/mini-vm/commit/{rev}": a link for a commit
// hash. Only http(s), no credentials, and nothing but {rev} is ever filled in.

const PLACEHOLDER = '{rev}';
const SAMPLE_REV = '0'.repeat(40);

/** Why a template cannot be used, or null when it can. For the config check and the page. */
export function commitUrlProblem(template: string): string | null {
  if (template.length > 500) return 'rebuild.commitUrl is longer than 500 characters';
  if (!template.includes(PLACEHOLDER)) return 'rebuild.commitUrl must contain {rev} where the commit hash goes';
  if (/[{}]/.test(template.split(PLACEHOLDER).join(''))) return 'rebuild.commitUrl may contain no braces other than {rev}';
  if (/[\s\u0000-\u001f\u007f]/.test(template)) return 'rebuild.commitUrl may not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(template.split(PLACEHOLDER).join(SAMPLE_REV));
  } catch {
    return 'rebuild.commitUrl is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'rebuild.commitUrl must be an http or https URL';
  if (url.username || url.password) return 'rebuild.commitUrl may not carry a user name or password';
  return null;
}

/** The link for a commit, or null: no or bad template, a revision that is not a hash, or a dirty one. */
export function renderCommitUrl(template: string | null | undefined, revision: string | null | undefined): string | null {
  if (!template || commitUrlProblem(template)) return null;
  const r = parseRevision(revision);
  if (!r || r.dirty) return null;
  return new URL(template.split(PLACEHOLDER).join(r.rev)).href;
}

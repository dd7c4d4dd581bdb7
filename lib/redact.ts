// Query parameters that carry credentials in the services this dashboard watches (Jellyfin takes
// api_key, Matrix access_token) and in URLs people paste generally.
const SECRET_PARAM = /^(api[_-]?key|access[_-]?token|token|password|passwd|secret|auth|key|sig|signature)$/i;

/** A URL fit for the browser: no user:password, no credential-looking query values. */
export function redactUrl(u: string): string {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return u.replace(/\/\/[^/@]*@/, '//');
  }
  let changed = false;
  if (url.username || url.password) {
    url.username = '';
    url.password = '';
    changed = true;
  }
  for (const k of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(k)) {
      url.searchParams.set(k, 'redacted');
      changed = true;
    }
  }
  // Unchanged URLs keep their exact spelling.
  return changed ? url.toString() : u;
}

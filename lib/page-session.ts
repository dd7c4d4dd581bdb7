import { cookies } from 'next/headers';
import { SESSION_COOKIE, verifySessionValue } from './auth';

/** Whether the page is rendered for a signed-in admin (server components only). */
export async function isSignedIn(): Promise<boolean> {
  const jar = await cookies();
  return verifySessionValue(jar.get(SESSION_COOKIE)?.value);
}

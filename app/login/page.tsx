import type { Metadata } from 'next';
import { LoginRedirect } from '@/components/login-redirect';
import { getConfig } from '@/lib/config';
import { rebuildPanelData } from '@/lib/rebuild/page-data';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only a path on this site, never another origin.
  const target = typeof next === 'string' && /^\/(?!\/)[\w\-./?=&]*$/.test(next) ? next : '/';
  const data = await rebuildPanelData(getConfig());
  return (
    <div className="flex max-w-md flex-col gap-4">
      <h1 className="text-xl font-semibold tracking-tight">Sign in</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Rebuilding and cancelling need the admin password. Everything else on this dashboard is open to the LAN.</p>
      {data.demoPassword && (
        <p className="text-sm" data-testid="demo-password">Demo home lab: the admin password is <code className="font-mono">{data.demoPassword}</code>.</p>
      )}
      {data.disabledReason ? <p className="text-sm">{data.disabledReason}</p> : data.signedIn ? <p className="text-sm">● You are signed in.</p> : <LoginRedirect next={target} />}
    </div>
  );
}

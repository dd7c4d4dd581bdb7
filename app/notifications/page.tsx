import type { Metadata } from 'next';
import { LoginRedirect } from '@/components/login-redirect';
import { NotificationsLive } from '@/components/notifications/notifications-live';
import { getConfig } from '@/lib/config';
import { alertEngine } from '@/lib/notify';
import { notificationsData } from '@/lib/notify/page-data';
import { isSignedIn } from '@/lib/page-session';
import { rebuildPanelData } from '@/lib/rebuild/page-data';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  const signedIn = await isSignedIn();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold tracking-tight">Notifications</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">What was sent where, what is waiting to be retried, and what was held back during maintenance or a silence.</p>
      </div>
      {signedIn ? <NotificationsLive initial={notificationsData(alertEngine(), getConfig())} /> : <SignInFirst />}
    </div>
  );
}

async function SignInFirst() {
  const data = await rebuildPanelData(getConfig());
  return (
    <div className="flex max-w-md flex-col gap-3" data-testid="notifications-sign-in">
      <p className="text-sm">Alerts name what is down and where messages go, so this page needs the admin password.</p>
      {data.demoPassword && <p className="text-sm" data-testid="demo-password">Demo home lab: the admin password is <code className="font-mono">{data.demoPassword}</code>.</p>}
      {data.disabledReason ? <p className="text-sm">{data.disabledReason}</p> : <LoginRedirect next="/notifications" />}
    </div>
  );
}

import { RebuildPanel } from '@/components/rebuild-panel';
import { StatusBoard } from '@/components/status-board';
import { getSnapshot } from '@/lib/snapshot-store';
import { isSignedIn } from '@/lib/page-session';

// Rendered with the current snapshot, so the states are in the HTML before any script runs.
export default async function StatusPage() {
  const [{ snapshot }, admin] = await Promise.all([getSnapshot(), isSignedIn()]);
  return (
    <>
      <StatusBoard initial={snapshot} admin={admin} />
      <div className="mt-6">
        <RebuildPanel />
      </div>
    </>
  );
}

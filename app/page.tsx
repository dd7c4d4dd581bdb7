import { RebuildPanel } from '@/components/rebuild-panel';
import { StatusBoard } from '@/components/status-board';
import { getSnapshot } from '@/lib/snapshot-store';

// Rendered with the current snapshot, so the states are in the HTML before any script runs.
export default async function StatusPage() {
  const { snapshot } = await getSnapshot();
  return (
    <>
      <StatusBoard initial={snapshot} />
      <div className="mt-6">
        <RebuildPanel />
      </div>
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RebuildLive } from '@/components/rebuild-live';
import { runIdRe } from '@/lib/rebuild/log-file';
import { rebuildPanelData } from '@/lib/rebuild/page-data';
import { getRun } from '@/lib/rebuild/runner';

export const metadata: Metadata = { title: 'Rebuild' };

export default async function RebuildRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const run = runIdRe.test(id) ? getRun(id) : undefined;
  if (!run) notFound();
  const { signedIn } = await rebuildPanelData();
  return (
    <div className="flex flex-col gap-3">
      <Link href="/rebuilds" className="text-sm text-zinc-600 underline dark:text-zinc-400">← All rebuilds</Link>
      <RebuildLive initial={run} signedIn={signedIn} />
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { SearchForm } from '@/components/docs/search-form';
import { listDocs } from '@/lib/docs/store';

export const metadata: Metadata = { title: 'Docs' };

export default async function DocsIndex() {
  const docs = await listDocs();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-3">
        <h1 className="text-xl font-semibold tracking-tight">Docs</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">The home lab&apos;s own notes, with each fact the dashboard can check marked against the live system.</p>
        <SearchForm />
      </div>
      {docs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No docs found. Put markdown files in the folder named by <code className="font-mono">docs.dir</code> in the config (a path relative to the config file), or leave it out to show the docs that ship with the dashboard.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900" data-testid="docs-list">
          {docs.map((d) => (
            <li key={d.slug} className="p-4">
              <Link href={`/docs/${d.slug}`} className="font-medium hover:underline">
                {d.ok ? d.doc.title : `${d.slug}.md`}
              </Link>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                {d.ok ? d.doc.summary : (
                  <>
                    <span aria-hidden="true">▲ </span>
                    {d.message}
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

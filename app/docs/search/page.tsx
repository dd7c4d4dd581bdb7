import type { Metadata } from 'next';
import Link from 'next/link';
import { SearchForm } from '@/components/docs/search-form';
import { searchDocs } from '@/lib/docs/search';
import { listDocs } from '@/lib/docs/store';

export const metadata: Metadata = { title: 'Search the docs' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DocsSearch({ searchParams }: Props) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw ?? '').slice(0, 100).trim();
  const hits = q ? searchDocs(await listDocs(), q) : [];
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/docs" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
        ← All docs
      </Link>
      <h1 className="text-xl font-semibold tracking-tight">Search the docs</h1>
      <SearchForm q={q} autoFocus={!q} />
      {q && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="search-count">
          {hits.length === 0 ? `Nothing matches “${q}”.` : `${hits.length} section${hits.length === 1 ? '' : 's'} match “${q}”.`}
        </p>
      )}
      <ol className="space-y-3" data-testid="search-results">
        {hits.map((h) => (
          <li key={`${h.slug}#${h.headingId}`} className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
            <Link href={`/docs/${h.slug}${h.headingId ? `#${h.headingId}` : ''}`} className="font-medium hover:underline">
              {h.heading}
            </Link>
            <span className="ml-2 text-xs text-zinc-500">in {h.docTitle}</span>
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
              {h.snippet.map((p, i) =>
                p.match ? (
                  <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-inherit dark:bg-amber-400/25">
                    {p.text}
                  </mark>
                ) : (
                  <span key={i}>{p.text}</span>
                ),
              )}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}

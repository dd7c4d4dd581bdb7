import type { TocEntry } from '@/lib/docs/headings';

export function Toc({ toc }: { toc: TocEntry[] }) {
  if (toc.length === 0) return null;
  const list = (
    <ol className="space-y-1 text-sm">
      {toc.map((t) => (
        <li key={t.id} className={t.depth === 3 ? 'pl-3' : ''}>
          <a href={`#${t.id}`} className="text-zinc-600 hover:text-zinc-950 hover:underline dark:text-zinc-400 dark:hover:text-white">
            {t.text}
          </a>
        </li>
      ))}
    </ol>
  );
  return (
    <nav aria-label="On this page" className="text-sm">
      <details className="rounded-md border border-zinc-200 bg-white p-3 md:hidden dark:border-zinc-800 dark:bg-zinc-900">
        <summary className="cursor-pointer font-medium">On this page</summary>
        <div className="mt-2">{list}</div>
      </details>
      <div className="hidden md:sticky md:top-4 md:block">
        <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">On this page</p>
        {list}
      </div>
    </nav>
  );
}

/** A plain GET form: search works without JavaScript. */
export function SearchForm({ q = '', autoFocus = false }: { q?: string; autoFocus?: boolean }) {
  return (
    <form action="/docs/search" method="get" role="search" className="flex gap-2">
      <label htmlFor="docs-q" className="sr-only">
        Search the docs
      </label>
      <input
        id="docs-q"
        name="q"
        type="search"
        defaultValue={q}
        autoFocus={autoFocus}
        maxLength={100}
        placeholder="Search the docs"
        className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <button type="submit" className="rounded-md border border-zinc-300 bg-zinc-100 px-3 py-1.5 text-sm font-medium hover:bg-zinc-200 dark:border-zinc-700 dark:bg-zinc-800 dark:hover:bg-zinc-700">
        Search
      </button>
    </form>
  );
}

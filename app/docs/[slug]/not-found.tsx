import Link from 'next/link';

export default function DocNotFound() {
  return (
    <div className="mx-auto max-w-3xl space-y-2" data-testid="doc-not-found">
      <h1 className="text-xl font-semibold">No such doc</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">There is no page with that name in the docs folder.</p>
      <Link href="/docs" className="text-sm underline">
        All docs
      </Link>
    </div>
  );
}

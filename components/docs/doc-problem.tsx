import Link from 'next/link';

/** A doc that exists but cannot be shown: too large, not text, or failed to render. */
export function DocProblem({ slug, message }: { slug: string; message: string }) {
  return (
    <div role="alert" data-testid="doc-problem" className="rounded-lg border border-l-4 border-zinc-200 border-l-amber-500 bg-white p-4 dark:border-zinc-800 dark:border-l-amber-500 dark:bg-zinc-900">
      <h1 className="font-semibold">
        <span aria-hidden="true">▲ </span>This doc cannot be shown
      </h1>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{message}</p>
      <p className="mt-2 text-sm">
        Fix <code className="font-mono">{slug}.md</code> in the docs folder and reload; no restart is needed.{' '}
        <Link href="/docs" className="underline">
          All docs
        </Link>
      </p>
    </div>
  );
}

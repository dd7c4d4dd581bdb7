/** Problems with the dashboard itself (the history store, say), as the snapshot carries them. */
export function Warnings({ warnings }: { warnings?: string[] }) {
  if (!warnings?.length) return null;
  return (
    <>
      {warnings.map((w) => (
        <p key={w} role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-400/10 dark:text-amber-200">
          {w}
        </p>
      ))}
    </>
  );
}

const fmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A moment in the reader's own zone; the server's render may differ in zone, so React is told to expect that. */
export function When({ t, className }: { t: number; className?: string }) {
  return (
    <time dateTime={new Date(t).toISOString()} className={className} suppressHydrationWarning>
      {fmt.format(t)}
    </time>
  );
}

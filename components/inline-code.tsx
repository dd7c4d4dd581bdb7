/** Render `code` spans in a short, trusted sentence as <code>, without a markdown library. */
export function InlineCode({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        i % 2 ? (
          <code key={i} className="rounded bg-black/5 px-1 font-mono text-[0.95em] dark:bg-white/10">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CopyCode } from '@/components/docs/copy-code';
import { DocProblem } from '@/components/docs/doc-problem';
import { LiveSummary } from '@/components/docs/live-summary';
import { SearchForm } from '@/components/docs/search-form';
import { Toc } from '@/components/docs/toc';
import { liveDocHtml } from '@/lib/docs/live-page';
import { isSafeSlug } from '@/lib/docs/slug';
import { getDoc } from '@/lib/docs/store';

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  if (!isSafeSlug(slug)) notFound();
  const r = await getDoc(slug);
  if (!r.ok && r.problem === 'not-found') notFound();
  return r;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  if (!isSafeSlug(slug)) return { title: 'Not found' };
  const r = await getDoc(slug);
  return { title: r.ok ? r.doc.title : `${slug}.md` };
}

export default async function DocPage({ params }: Props) {
  const { slug } = await params;
  const r = await load(slug);
  if (!r.ok) return <DocProblem slug={slug} message={r.message} />;
  const live = await liveDocHtml(r.doc);
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 md:grid-cols-[13rem_minmax(0,1fr)]">
      <aside className="space-y-4 md:order-none">
        <Link href="/docs" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
          ← All docs
        </Link>
        <Toc toc={r.doc.toc} />
      </aside>
      <div className="min-w-0 space-y-4">
        <SearchForm />
        <LiveSummary stats={live.stats} checkedAt={live.checkedAt} />
        <article id="doc" className="doc-body" data-testid="doc" dangerouslySetInnerHTML={{ __html: live.html }} />
        <CopyCode rootId="doc" />
      </div>
    </div>
  );
}

import { Fragment } from 'react';
import { diagnoseChain, type ChainLink, type LinkMark } from '@/lib/access-paths';
import { TROUBLESHOOTING_DOCS } from '@/lib/address-drift';
import { probeSentence } from '@/lib/probe-sentence';
import { serviceStyle } from '@/lib/state-style';
import type { PathStatus } from '@/lib/types';

const markStyle: Record<LinkMark, { symbol: string; word: string; cls: string }> = {
  ok: { symbol: '✓', word: 'answers', cls: 'border-emerald-500/50 text-emerald-800 dark:text-emerald-300' },
  broken: { symbol: '✗', word: 'fails', cls: 'border-rose-500/60 border-dashed text-rose-800 dark:text-rose-300' },
  untested: { symbol: '?', word: 'not tested', cls: 'border-zinc-400/50 text-zinc-600 dark:text-zinc-400' },
};

function Node({ name, link }: { name: string; link?: ChainLink }) {
  const m = link ? markStyle[link.mark] : null;
  return (
    <li
      data-testid={link ? `hop-${link.via}` : undefined}
      data-mark={link?.mark}
      title={link ? `${link.label}: ${link.reason}` : undefined}
      className={`rounded border px-1.5 py-0.5 font-mono ${m ? m.cls : 'border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400'}`}
    >
      {name}
      {m && (
        <>
          {' '}
          <span aria-hidden="true">{m.symbol}</span>
          <span className="sr-only"> ({link!.label} {m.word})</span>
        </>
      )}
    </li>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What that hop's Caddy says about its upstreams, when its admin API is configured. */
function Upstreams({ p }: { p: PathStatus }) {
  if (p.upstreamsError) return <span className="block pl-3">Caddy: {p.upstreamsError}</span>;
  if (!p.upstreams) return null;
  return (
    <span className="block pl-3" data-testid={`upstreams-${p.via}`}>
      Caddy upstreams:{' '}
      {p.upstreams.length === 0
        ? 'none configured'
        : p.upstreams.map((u) => `${u.address} (${u.numRequests} active, ${plural(u.fails, 'failure')} remembered)`).join('; ')}
    </span>
  );
}

/** browser → bee → mini → mini-vm, each hop marked with the result of the path that ends there. */
export function AccessChain({ paths, machine, service }: { paths: PathStatus[]; machine: string; service: string }) {
  const d = diagnoseChain(paths, machine, service);
  const direct = d.links.find((l) => l.via === 'direct');
  const hops = d.links.filter((l) => l.via !== 'direct').reverse();
  const arrow = <li aria-hidden="true" className="text-zinc-400">→</li>;
  return (
    <div className="flex flex-col gap-1 text-xs" data-testid="access-chain" data-broken={d.brokenVia ?? ''}>
      <ol aria-label={`Access paths to ${service}`} className="flex flex-wrap items-center gap-1">
        <Node name="browser" />
        {hops.map((h) => (
          <Fragment key={h.via}>
            {arrow}
            <Node name={h.via} link={h} />
          </Fragment>
        ))}
        {arrow}
        <Node name={machine} link={direct} />
      </ol>
      <p className="text-zinc-600 dark:text-zinc-400" data-testid="chain-summary">
        {d.summary}
      </p>
      {d.culprit && (
        <p className="text-rose-800 dark:text-rose-300" data-testid="chain-culprit">
          <span aria-hidden="true">✗ </span>Breaks at {d.culprit}.{' '}
          <a href={TROUBLESHOOTING_DOCS} className="font-medium text-sky-700 underline dark:text-sky-400">
            Troubleshooting
          </a>
        </p>
      )}
      {paths
        .filter((p) => p.upstreams?.some((u) => u.fails > 0))
        .map((p) => (
          <p key={p.via} className="text-amber-800 dark:text-amber-300" data-testid={`upstream-fails-${p.via}`}>
            <span aria-hidden="true">▲ </span>
            {p.via}&apos;s Caddy remembers {plural(p.upstreams!.reduce((n, u) => n + u.fails, 0), 'failed request')} to its upstream.
          </p>
        ))}
      <details className="text-zinc-600 dark:text-zinc-400">
        <summary className="cursor-pointer select-none">Path details</summary>
        <ul className="mt-1 flex flex-col gap-0.5">
          {paths.map((p) => (
            <li key={p.via} className="min-w-0 break-words">
              <span className="font-medium">{p.label ?? (p.via === 'direct' ? 'direct' : `via ${p.via}`)}</span>: {serviceStyle(p.state).label}
              {p.latencyMs !== null ? `, ${p.latencyMs} ms` : ''} — {probeSentence(p)} <span className="font-mono">{p.url}</span>
              <Upstreams p={p} />
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

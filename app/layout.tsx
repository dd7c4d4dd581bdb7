import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { getConfig } from '@/lib/config';
import './globals.css';

// `title` from the config names the dashboard: the header and every page title.
export function generateMetadata(): Metadata {
  const { title } = getConfig();
  return { title: { default: title, template: `%s · ${title}` }, description: 'OrbStack, the mini-vm VM and its services, at a glance.' };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fafafa' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

const nav = [
  { href: '/', label: 'Status' },
  { href: '/docs', label: 'Docs' },
  { href: '/rebuilds', label: 'Rebuilds' },
  { href: '/notifications', label: 'Alerts' },
];

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, so each one carries the CSP nonce the proxy made for it.
  await connection();
  // The first word carries the weight, the rest is quieter: "mini-vm dashboard", "Lab".
  const [first, ...rest] = getConfig().title.split(' ');
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-1 dark:focus:bg-zinc-900">
          Skip to content
        </a>
        <header className="border-b border-zinc-200 bg-white/80 dark:border-zinc-800 dark:bg-zinc-900/60">
          <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
            <Link href="/" className="min-w-0 truncate font-semibold tracking-tight" data-testid="site-title">
              {first}
              {rest.length ? <span className="font-normal text-zinc-500"> {rest.join(' ')}</span> : null}
            </Link>
            <nav aria-label="Main" className="flex gap-4 text-sm">
              {nav.map((n) => (
                <Link key={n.href} href={n.href} className="text-zinc-600 hover:text-zinc-950 dark:text-zinc-400 dark:hover:text-white">
                  {n.label}
                </Link>
              ))}
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}

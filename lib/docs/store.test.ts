import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotateClaims } from './annotate';
import { toHtml } from './html';
import { searchDocs } from './search';
import { resetConfigCache } from '../config';
import { builtInDocsDir, docsDir, getDoc, listDocs, MAX_DOC_BYTES } from './store';

let base: string;
let dir: string;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-test-'));
  dir = path.join(base, 'docs');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(base, 'secret.md'), '# Secret\n\noutside the folder\n');
  fs.writeFileSync(path.join(dir, 'a.md'), '# Alpha\n\nFirst words.\n\n## Link-local\n\nThe key light at 169.254.1.144 is out of reach.\n\n```console\n$ ping 169.254.1.144\n```\n\n<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>\n\nSee [b](./b.md#section-two).\n');
  fs.writeFileSync(path.join(dir, 'b.md'), '# Beta\n\n## Section two\n\nVM at 192.168.139.245, Jellyfin on port 8096.\n');
  fs.writeFileSync(path.join(dir, 'huge.md'), 'x'.repeat(MAX_DOC_BYTES + 1));
  fs.writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0xff, 0xfe]));
  fs.symlinkSync(path.join(base, 'secret.md'), path.join(dir, 'escape.md'));
  fs.symlinkSync(path.join(dir, 'a.md'), path.join(dir, 'alias.md'));
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('getDoc', () => {
  it('renders a doc with title, summary, anchors, highlighting and rewritten links', async () => {
    const r = await getDoc('a', dir);
    if (!r.ok) throw new Error(r.message);
    expect(r.doc.title).toBe('Alpha');
    expect(r.doc.summary).toBe('First words.');
    expect(r.doc.toc).toEqual([{ depth: 2, id: 'link-local', text: 'Link-local' }]);
    const html = toHtml(r.doc.tree);
    expect(html).toContain('<h2 id="link-local"');
    expect(html).toContain('href="/docs/b#section-two"');
    expect(html).toContain('class="shiki');
    expect(html).toContain('data-copy-code');
  });

  it('sanitises raw HTML', async () => {
    const r = await getDoc('a', dir);
    if (!r.ok) throw new Error(r.message);
    const html = toHtml(r.doc.tree);
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
  });

  it('refuses traversal, odd names and symlinks out of the folder', async () => {
    for (const s of ['../secret', '..%2Fsecret', 'escape', 'a.md', 'a;ls', 'missing']) {
      expect(await getDoc(s, dir)).toMatchObject({ ok: false, problem: 'not-found' });
    }
    expect(await getDoc('alias', dir)).toMatchObject({ ok: true });
  });

  it('gives huge and binary files a clear problem instead of throwing', async () => {
    expect(await getDoc('huge', dir)).toMatchObject({ ok: false, problem: 'too-large' });
    expect(await getDoc('binary', dir)).toMatchObject({ ok: false, problem: 'not-text' });
  });

  it('re-reads a file when it changes', async () => {
    const file = path.join(dir, 'c.md');
    fs.writeFileSync(file, '# One\n');
    expect(await getDoc('c', dir)).toMatchObject({ ok: true, doc: { title: 'One' } });
    fs.writeFileSync(file, '# Two, longer\n');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await getDoc('c', dir)).toMatchObject({ ok: true, doc: { title: 'Two, longer' } });
    fs.rmSync(file);
  });

  it('lists docs, without the escaping symlink', async () => {
    const slugs = (await listDocs(dir)).map((d) => d.slug);
    expect(slugs).toEqual(['a', 'alias', 'b', 'binary', 'huge']);
  });
});

describe('docsDir', () => {
  const withConfig = (text: string) => {
    const file = path.join(base, 'elsewhere', 'dashboard.config.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    process.env.DASHBOARD_CONFIG = file;
    resetConfigCache();
  };
  afterAll(() => {
    delete process.env.DASHBOARD_CONFIG;
    resetConfigCache();
  });

  it('without docs.dir is the docs that ship with the app, wherever the config file lives', async () => {
    withConfig('pollIntervalMs: 60000\n');
    expect(docsDir()).toBe(builtInDocsDir);
    expect(builtInDocsDir).toBe(path.resolve(import.meta.dirname, '../../docs'));
    expect((await listDocs()).map((d) => d.slug)).toEqual(expect.arrayContaining(['dashboard', 'mini', 'mini-vm']));
  });

  it('with docs.dir is that folder, relative to the config file', () => {
    withConfig('docs: { dir: notes }\n');
    expect(docsDir()).toBe(path.join(base, 'elsewhere', 'notes'));
    withConfig('docs: {}\n');
    expect(docsDir()).toBe(builtInDocsDir);
  });
});

describe('search and live facts', () => {
  it('finds sections with a snippet and the heading', async () => {
    const hits = searchDocs(await listDocs(dir), 'link-local');
    expect(hits[0]).toMatchObject({ slug: 'a', heading: 'Link-local', headingId: 'link-local' });
    const light = searchDocs(await listDocs(dir), 'KEY light');
    expect(light[0].snippet.filter((p) => p.match).map((p) => p.text.toLowerCase())).toEqual(['key', 'light']);
    expect(searchDocs(await listDocs(dir), '   ')).toEqual([]);
  });

  it('marks facts on a copy of the tree', async () => {
    const r = await getDoc('b', dir);
    if (!r.ok) throw new Error(r.message);
    const live = { orbState: 'running', machines: [{ name: 'mini-vm', state: 'running', address: '192.168.139.99', expectedAddress: '192.168.139.245' }], otherMachines: [], services: [], checks: [] };
    const { tree, stats } = annotateClaims(r.doc.tree, live);
    expect(stats).toEqual({ confirmed: 0, differs: 1 });
    const html = toHtml(tree);
    expect(html).toContain('data-live="differs"');
    expect(html).toContain('docs say <strong>192.168.139.245</strong>, the system reports <strong>192.168.139.99</strong>');
    expect(toHtml(r.doc.tree)).not.toContain('data-live');
  });
});

import { describe, expect, it } from 'vitest';
import { rewriteHref } from './links';
import { isSafeSlug, slugFromFileName } from './slug';
import { headingId } from './headings';

describe('rewriteHref', () => {
  it('turns links to sibling docs into dashboard routes, anchors included', () => {
    expect(rewriteHref('./mini.md#orbstack-vm-network-limitations')).toBe('/docs/mini#orbstack-vm-network-limitations');
    expect(rewriteHref('mini-vm.md')).toBe('/docs/mini-vm');
    expect(rewriteHref('docs/mini.md#x')).toBe('/docs/mini#x');
  });
  it('leaves other links alone', () => {
    for (const h of ['#networking', 'https://orbstack.dev/docs', '/docs/mini', 'mailto:a@b', '../secret.md', './img.png', './a/b.md', '//evil.example/x.md', './bad%2Fname.md']) {
      expect(rewriteHref(h)).toBe(h);
    }
  });
});

describe('slugs', () => {
  it('accepts plain file names only', () => {
    for (const s of ['mini', 'mini-vm', 'dashboard', 'A_b-1']) expect(isSafeSlug(s)).toBe(true);
    for (const s of ['', '..', '../etc/passwd', '..%2Fpackage', 'a/b', 'a%2fb', 'mini.md', '.hidden', 'a;rm -rf', '$(id)', '`id`', 'a|b', 'a b', 'x'.repeat(101), undefined, 3]) {
      expect(isSafeSlug(s)).toBe(false);
    }
  });
  it('derives slugs from file names', () => {
    expect(slugFromFileName('mini-vm.md')).toBe('mini-vm');
    expect(slugFromFileName('notes.txt')).toBeNull();
    expect(slugFromFileName('we ird.md')).toBeNull();
  });
});

describe('headingId', () => {
  it('matches GitHub anchors', () => {
    expect(headingId('OrbStack VM network limitations')).toBe('orbstack-vm-network-limitations');
    expect(headingId('Link-local devices (169.254.0.0/16)')).toBe('link-local-devices-1692540016');
    expect(headingId("What the states mean")).toBe('what-the-states-mean');
  });
});

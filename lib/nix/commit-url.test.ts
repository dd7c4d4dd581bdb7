import { describe, expect, it } from 'vitest';
import { commitUrlProblem, renderCommitUrl } from './commit-url';

const REV = 'a41c9e2b7d03b18e5f2a90c1d2e3f4a5b6c7d8e9';

describe('renderCommitUrl', () => {
  it('fills in a validated hash', () => {
    expect(renderCommitUrl('https://git.example/ivan/mini-vm/commit/{rev}', REV)).toBe(`https://git.example/ivan/mini-vm/commit/${REV}`);
    expect(renderCommitUrl('http://git.lan:3000/ivan/mini-vm/commit/{rev}?tab=diff#{rev}', 'A41C9E2')).toBe('http://git.lan:3000/ivan/mini-vm/commit/a41c9e2?tab=diff#a41c9e2');
  });

  it('no link for a missing template, a non-hash or a dirty revision', () => {
    expect(renderCommitUrl(undefined, REV)).toBeNull();
    expect(renderCommitUrl('', REV)).toBeNull();
    expect(renderCommitUrl('https://git.example/c/{rev}', `${REV}-dirty`)).toBeNull();
    for (const bad of ['', 'HEAD', '../../admin', 'javascript:alert(1)', `${REV}/../x`, '<script>']) expect(renderCommitUrl('https://git.example/c/{rev}', bad)).toBeNull();
  });

  it('refuses unsafe templates', () => {
    const bad: [string, RegExp][] = [
      ['javascript:alert("{rev}")', /http or https/],
      ['data:text/html,{rev}', /http or https/],
      ['file:///etc/{rev}', /http or https/],
      ['//git.example/{rev}', /not a URL/],
      ['https://git.example/commit/', /must contain \{rev\}/],
      ['https://git.example/{owner}/{rev}', /no braces/],
      ['https://user:pass@git.example/{rev}', /user name or password/],
      ['https://git.example/ {rev}', /spaces/],
      [`https://git.example/${'x'.repeat(600)}/{rev}`, /longer than 500/],
    ];
    for (const [t, why] of bad) {
      expect(commitUrlProblem(t)).toMatch(why);
      expect(renderCommitUrl(t, REV)).toBeNull();
    }
    expect(commitUrlProblem('https://git.example/ivan/mini-vm/commit/{rev}')).toBeNull();
  });
});

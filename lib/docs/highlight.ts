import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { visit } from 'unist-util-visit';
import { ownValue } from '../own-key';

// Only the languages these docs use: each grammar costs memory and start-up time.
let highlighter: Promise<HighlighterCore> | undefined;

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import('shiki/dist/themes/github-light.mjs'), import('shiki/dist/themes/github-dark.mjs')],
    langs: [
      import('shiki/dist/langs/shellsession.mjs'),
      import('shiki/dist/langs/shellscript.mjs'),
      import('shiki/dist/langs/nix.mjs'),
      import('shiki/dist/langs/yaml.mjs'),
      import('shiki/dist/langs/json.mjs'),
      import('shiki/dist/langs/typescript.mjs'),
    ],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

const aliases: Record<string, string> = { console: 'shellsession', 'shell-session': 'shellsession', sh: 'shellscript', bash: 'shellscript', shell: 'shellscript', zsh: 'shellscript', yml: 'yaml', ts: 'typescript' };

/**
 * Highlight fenced code on the server and wrap each block with a copy button. The button works
 * only once the page's small client script has run; until then it stays hidden.
 */
export async function highlightCode(tree: Root): Promise<void> {
  const blocks: { parent: Root | Element; index: number; pre: Element }[] = [];
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'pre' || index === undefined || !parent) return;
    blocks.push({ parent: parent as Root | Element, index, pre: node });
  });
  if (blocks.length === 0) return;
  const hl = await getHighlighter();
  const loaded = new Set(hl.getLoadedLanguages());
  for (const { parent, index, pre } of blocks) {
    const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
    const text = toString(code ?? pre).replace(/\n$/, '');
    const cls = (code?.properties?.className as string[] | undefined)?.find((c) => c.startsWith('language-'));
    const asked = cls?.slice('language-'.length).toLowerCase() ?? '';
    const lang = ownValue(aliases, asked) ?? asked;
    let out: Element = pre;
    if (loaded.has(lang)) {
      try {
        const root = hl.codeToHast(text, { lang, themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false });
        const highlighted = root.children.find((c): c is Element => c.type === 'element');
        if (highlighted) out = highlighted;
      } catch (e) {
        // One odd block is shown plain rather than failing the whole page.
        console.error(`docs: highlighting ${lang} failed`, e);
      }
    }
    out.properties = { ...out.properties, tabIndex: 0 };
    parent.children[index] = {
      type: 'element',
      tagName: 'div',
      properties: { className: ['code-block'], dataLang: asked || undefined },
      children: [
        out,
        {
          type: 'element',
          tagName: 'button',
          properties: { type: 'button', className: ['copy-code'], dataCopyCode: '', hidden: true, title: 'Copy code to clipboard' },
          children: [{ type: 'text', value: 'Copy' }],
        },
      ],
    };
  }
}

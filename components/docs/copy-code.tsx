'use client';

import { useEffect } from 'react';

// Shell-session blocks show "$ " prompts and output; copying them gives just the commands.
function codeToCopy(block: Element): string {
  const text = block.querySelector('pre')?.textContent ?? '';
  const lang = block.getAttribute('data-lang');
  if (lang !== 'console' && lang !== 'shell-session') return text;
  const commands = text.split('\n').filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
  return commands.length > 0 ? commands.join('\n') : text;
}

// navigator.clipboard exists only in secure contexts, and the dashboard is usually opened over
// plain http on the LAN, so fall back to the older selection-and-copy command there.
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/**
 * Turns on the copy buttons the server rendered (hidden until this runs), with one click
 * listener for the whole doc. Without JavaScript the page reads the same, minus the buttons.
 */
export function CopyCode({ rootId }: { rootId: string }) {
  useEffect(() => {
    const root = document.getElementById(rootId);
    if (!root) return;
    root.querySelectorAll<HTMLButtonElement>('button[data-copy-code]').forEach((b) => (b.hidden = false));
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const onClick = async (e: MouseEvent) => {
      const button = (e.target as Element).closest<HTMLButtonElement>('button[data-copy-code]');
      const block = button?.closest('.code-block');
      if (!button || !block) return;
      try {
        await copyText(codeToCopy(block));
        button.textContent = 'Copied';
      } catch {
        button.textContent = 'Copy failed';
      }
      timers.add(setTimeout(() => (button.textContent = 'Copy'), 2000));
    };
    root.addEventListener('click', onClick);
    return () => {
      root.removeEventListener('click', onClick);
      timers.forEach(clearTimeout);
    };
  }, [rootId]);
  return null;
}

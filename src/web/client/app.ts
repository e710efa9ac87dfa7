/*
 * Claimtrail's only browser script, served as a file (the CSP forbids inline scripts). Every page
 * works without it; it makes three things quicker: logging a claim from a text selection,
 * finding a source by typing, and jumping between a highlight and its claim.
 */
(() => {
  /** Offset of a (node, offset) boundary within `root`'s text, in UTF-16 code units (JS string indices). */
  function textOffset(root: Node, node: Node, offset: number): number {
    const range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function setupSelection(): void {
    const body = document.getElementById('article-body');
    const button = document.getElementById('log-claim') as HTMLAnchorElement | null;
    if (!body || !button || body.dataset.canLog !== 'true') return;
    const base = button.href.split('?')[0];
    const text = body.textContent ?? '';
    const update = (): void => {
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
        button.hidden = true;
        return;
      }
      const range = selection.getRangeAt(0);
      if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) {
        button.hidden = true;
        return;
      }
      let start = textOffset(body, range.startContainer, range.startOffset);
      let end = textOffset(body, range.endContainer, range.endOffset);
      // A double-click or a drag often takes the space around the words; the quote should not.
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (end <= start) {
        button.hidden = true;
        return;
      }
      button.href = `${base}?start=${start}&end=${end}`;
      button.textContent = `Log claim (${end - start} characters)`;
      const rect = range.getBoundingClientRect();
      const host = (button.offsetParent as HTMLElement | null)?.getBoundingClientRect() ?? { left: 0, top: 0, width: window.innerWidth };
      button.hidden = false;
      const left = Math.max(0, Math.min(rect.left - host.left, host.width - button.offsetWidth));
      button.style.left = `${left}px`;
      button.style.top = `${rect.bottom - host.top + 6}px`;
    };
    document.addEventListener('selectionchange', () => window.requestAnimationFrame(update));
  }

  /** Clicking a highlight marks its claims in the side list; clicking a claim marks its text. */
  function setupHighlights(): void {
    const body = document.getElementById('article-body');
    if (!body) return;
    const clear = (): void => document.querySelectorAll('.active').forEach((el) => el.classList.remove('active'));
    body.addEventListener('click', (event) => {
      const mark = (event.target as HTMLElement).closest('mark[data-claims]') as HTMLElement | null;
      if (!mark || !window.getSelection()?.isCollapsed) return;
      clear();
      const ids = (mark.dataset.claims ?? '').split(' ');
      ids.forEach((id, i) => {
        const item = document.getElementById(`claim-${id}`);
        if (!item) return;
        item.classList.add('active');
        if (i === 0) item.scrollIntoView({ block: 'nearest' });
      });
    });
    document.querySelectorAll<HTMLElement>('.claim-item').forEach((item) => {
      item.addEventListener('mouseenter', () => {
        const id = item.dataset.claim;
        body.querySelectorAll<HTMLElement>('mark[data-claims]').forEach((m) => {
          m.classList.toggle('active', (m.dataset.claims ?? '').split(' ').includes(id ?? ''));
        });
      });
    });
  }

  interface Suggestion {
    id: number;
    name: string;
    kind: string;
    aliases: string[];
  }

  /** An ARIA combobox over GET /sources/suggest?q= (names and aliases, accent-insensitive). */
  function setupTypeahead(input: HTMLInputElement): void {
    const list = document.getElementById(input.getAttribute('aria-controls') ?? '') as HTMLUListElement | null;
    const idField = document.getElementById(input.dataset.idField ?? '') as HTMLInputElement | null;
    if (!list) return;
    let items: Suggestion[] = [];
    let active = -1;
    let timer = 0;
    let seq = 0;
    const close = (): void => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const choose = (s: Suggestion): void => {
      input.value = s.name;
      if (idField) idField.value = String(s.id);
      close();
    };
    const render = (): void => {
      list.replaceChildren(
        ...items.map((s, i) => {
          const li = document.createElement('li');
          li.id = `${list.id}-${i}`;
          li.setAttribute('role', 'option');
          li.setAttribute('aria-selected', i === active ? 'true' : 'false');
          li.textContent = s.aliases.length ? `${s.name} (${s.aliases.slice(0, 3).join(', ')})` : s.name;
          li.addEventListener('mousedown', (e) => {
            e.preventDefault();
            choose(s);
          });
          return li;
        }),
      );
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
      if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
      else input.removeAttribute('aria-activedescendant');
    };
    input.addEventListener('input', () => {
      if (idField) idField.value = '';
      window.clearTimeout(timer);
      const q = input.value.trim();
      if (!q) {
        items = [];
        render();
        return;
      }
      timer = window.setTimeout(async () => {
        const mine = ++seq;
        const response = await fetch(`/sources/suggest?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
        if (!response.ok || mine !== seq) return;
        items = (await response.json()) as Suggestion[];
        active = -1;
        render();
      }, 120);
    });
    input.addEventListener('keydown', (e) => {
      if (list.hidden) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
        render();
      } else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        choose(items[active]);
      } else if (e.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', () => window.setTimeout(close, 150));
  }

  /** "No named source" hides the chain links (the server ignores them then anyway). */
  function setupUnattributed(): void {
    const box = document.getElementById('unattributed') as HTMLInputElement | null;
    const builder = document.getElementById('chain-builder');
    if (!box || !builder) return;
    const sync = (): void => {
      builder.classList.toggle('disabled', box.checked);
    };
    box.addEventListener('change', sync);
    sync();
  }

  function start(): void {
    setupSelection();
    setupHighlights();
    document.querySelectorAll<HTMLInputElement>('input[data-typeahead="source"][role="combobox"]').forEach(setupTypeahead);
    setupUnattributed();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

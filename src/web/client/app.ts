/*
 * Claimtrail's only browser script, served as a file (the CSP forbids inline scripts). Every page
 * works without it; it makes three things quicker: logging a claim from a text selection,
 * finding a source by typing, and jumping between a highlight and its claim.
 */
/**
 * The page's messages for this script, in the page's language: the server puts them on <body
 * data-i18n> (src/i18n, keys `client.*`); plural forms are chosen with Intl.PluralRules.
 */
const MESSAGES: Record<string, string> = (() => {
  try {
    return JSON.parse(document.body?.dataset.i18n ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
})();
function message(key: string): string {
  return MESSAGES[key] ?? key;
}
function plural(key: string, count: number): string {
  const category = new Intl.PluralRules(document.documentElement.lang || 'en').select(count);
  const template = MESSAGES[`${key}.${category}`] ?? MESSAGES[`${key}.other`] ?? key;
  return template.replace('{count}', new Intl.NumberFormat(document.documentElement.lang || 'en').format(count));
}

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
      button.textContent = plural('client.logClaim', end - start);
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

  /**
   * Nothing typed is lost when the session ends before a form is sent (expiry, sign-out in another
   * tab, a password reset, a deactivation). Each post keeps a copy of the form's visible fields in
   * this tab's sessionStorage; when the server answers with the sign-in page, sign-in comes back to
   * the form's page with `?restore=1` (WebGuard), and the copy is put back into the same form.
   * Any other page load drops the copy: the post went through, or the server showed it again.
   */
  const DRAFT_KEY = 'claimtrail:unsent-form';

  interface UnsentForm {
    user: string;
    page: string;
    action: string;
    fields: [string, string][];
  }

  function keepOnSubmit(): void {
    document.addEventListener('submit', (event) => {
      const form = event.target as HTMLFormElement;
      const action = form.getAttribute('action') ?? '';
      if (form.method.toLowerCase() !== 'post' || action === '/login' || action === '/logout') return;
      const fields: [string, string][] = [];
      for (const el of Array.from(form.elements) as HTMLInputElement[]) {
        if (!el.name || el.name === '_csrf' || el.type === 'hidden' || el.type === 'password' || el.type === 'submit' || el.type === 'button') continue;
        if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
        fields.push([el.name, el.value]);
      }
      const kept: UnsentForm = { user: document.body.dataset.user ?? '', page: window.location.pathname, action, fields };
      try {
        window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify(kept));
      } catch {
        // Storage full or disabled: the post goes ahead as before.
      }
    });
  }

  function restoreUnsent(): void {
    if (window.location.pathname === '/login') return;
    let kept: UnsentForm | null = null;
    try {
      kept = JSON.parse(window.sessionStorage.getItem(DRAFT_KEY) ?? 'null') as UnsentForm | null;
      window.sessionStorage.removeItem(DRAFT_KEY);
    } catch {
      return;
    }
    const url = new URL(window.location.href);
    if (url.searchParams.get('restore') !== '1') return;
    url.searchParams.delete('restore');
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    // Only into the same form, on the same page, for the same person.
    if (!kept || kept.page !== url.pathname || (kept.user && kept.user !== document.body.dataset.user)) return;
    const form = Array.from(document.querySelectorAll('form')).find((f) => f.getAttribute('action') === kept!.action);
    if (!form) return;
    let first: HTMLElement | null = null;
    for (const [name, value] of kept.fields) {
      const targets = Array.from(form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${CSS.escape(name)}"]`));
      for (const el of targets) {
        if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) el.checked = el.value === value;
        else el.value = value;
        first ??= el;
      }
    }
    const details = form.closest('details');
    if (details) details.open = true;
    const note = document.createElement('p');
    note.className = 'notice';
    note.id = 'restored-notice';
    note.setAttribute('role', 'status');
    note.textContent = message('client.restored');
    form.prepend(note);
    (first as HTMLElement | null)?.focus();
  }

  /** On the claim form, the text beside it scrolls (by itself, not the page) to the chosen words. */
  function showChosen(): void {
    const box = document.querySelector<HTMLElement>('.form-text');
    const mark = box?.querySelector<HTMLElement>('mark.chosen');
    if (!box || !mark) return;
    box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
  }

  /**
   * Keyboard: Enter on a highlight goes to its claim in the list; shortcuts for the frequent moves
   * (listed on /help): j / k next and previous claim, l log a claim from the selection,
   * Ctrl+Enter (⌘+Enter) sends the form being typed in, / search, ? help.
   */
  function setupKeyboard(): void {
    const claimLinks = (): HTMLAnchorElement[] => Array.from(document.querySelectorAll<HTMLAnchorElement>('.claim-item .claim-link'));
    document.addEventListener('keydown', (event) => {
      const target = event.target as HTMLElement;
      if (event.key === 'Enter' && target.matches('mark[data-claims]')) {
        const id = (target.dataset.claims ?? '').split(' ')[0];
        const link = document.querySelector<HTMLAnchorElement>(`#claim-${id} .claim-link`);
        if (link) {
          event.preventDefault();
          document.querySelectorAll('.active').forEach((el) => el.classList.remove('active'));
          link.closest('.claim-item')?.classList.add('active');
          link.focus();
        }
        return;
      }
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        const form = target.closest('form');
        if (!form) return;
        event.preventDefault();
        const button =
          form.querySelector<HTMLButtonElement>('button[data-shortcut="submit"]') ??
          form.querySelector<HTMLButtonElement>('button[type="submit"]:not(.default-submit):not([formnovalidate])');
        form.requestSubmit(button ?? undefined);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || target.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (event.key === 'j' || event.key === 'k') {
        const links = claimLinks();
        if (!links.length) return;
        const at = links.indexOf(document.activeElement as HTMLAnchorElement);
        const next = event.key === 'j' ? Math.min(links.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
        event.preventDefault();
        document.querySelectorAll('.claim-item.active').forEach((el) => el.classList.remove('active'));
        links[next].closest('.claim-item')?.classList.add('active');
        links[next].focus();
        links[next].scrollIntoView({ block: 'nearest' });
      } else if (event.key === 'l') {
        const log = document.getElementById('log-claim') as HTMLAnchorElement | null;
        if (log && !log.hidden) {
          event.preventDefault();
          log.click();
        }
      } else if (event.key === '/') {
        const search = document.querySelector<HTMLInputElement>('input[type="search"]');
        if (search) {
          event.preventDefault();
          search.focus();
        }
      } else if (event.key === '?') {
        event.preventDefault();
        window.location.href = '/help';
      }
    });
  }

  interface Person {
    username: string;
    displayName: string;
  }

  /**
   * @mentions in comments and rationales: typing `@` and the start of a username lists the
   * matching people (GET /people/suggest?q=); arrows move, Enter or Tab picks, Escape closes.
   */
  function setupMentions(area: HTMLTextAreaElement): void {
    const list = document.createElement('ul');
    list.id = `${area.id}-people`;
    list.className = 'suggestions mentions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', message('client.mentionPeople'));
    list.hidden = true;
    area.insertAdjacentElement('afterend', list);
    area.setAttribute('aria-autocomplete', 'list');
    area.setAttribute('aria-controls', list.id);
    let items: Person[] = [];
    let active = 0;
    let timer = 0;
    let seq = 0;
    const prefixAt = (): { start: number; prefix: string } | null => {
      const before = area.value.slice(0, area.selectionStart ?? 0);
      const match = /(^|[^\w@.+-])@([a-z0-9._-]*)$/.exec(before);
      return match ? { start: before.length - match[2].length - 1, prefix: match[2] } : null;
    };
    const close = (): void => {
      items = [];
      list.hidden = true;
      area.removeAttribute('aria-activedescendant');
    };
    const choose = (p: Person): void => {
      const at = prefixAt();
      if (!at) return close();
      const caret = area.selectionStart ?? 0;
      area.value = `${area.value.slice(0, at.start)}@${p.username} ${area.value.slice(caret)}`;
      const next = at.start + p.username.length + 2;
      area.setSelectionRange(next, next);
      close();
    };
    const render = (): void => {
      list.replaceChildren(
        ...items.map((p, i) => {
          const li = document.createElement('li');
          li.id = `${list.id}-${i}`;
          li.setAttribute('role', 'option');
          li.setAttribute('aria-selected', i === active ? 'true' : 'false');
          li.textContent = p.displayName && p.displayName !== p.username ? `@${p.username} (${p.displayName})` : `@${p.username}`;
          li.addEventListener('mousedown', (e) => {
            e.preventDefault();
            choose(p);
          });
          return li;
        }),
      );
      list.hidden = items.length === 0;
      if (items.length) area.setAttribute('aria-activedescendant', `${list.id}-${active}`);
      else area.removeAttribute('aria-activedescendant');
    };
    area.addEventListener('input', () => {
      window.clearTimeout(timer);
      const at = prefixAt();
      if (!at) return close();
      timer = window.setTimeout(async () => {
        const mine = ++seq;
        const response = await fetch(`/people/suggest?q=${encodeURIComponent(at.prefix)}`, { headers: { accept: 'application/json' } });
        if (!response.ok || mine !== seq) return;
        items = (await response.json()) as Person[];
        active = 0;
        render();
      }, 120);
    });
    area.addEventListener('keydown', (e) => {
      if (list.hidden || !items.length) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
        render();
      } else if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
        e.preventDefault();
        choose(items[active]);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    });
    area.addEventListener('blur', () => window.setTimeout(close, 150));
  }

  function start(): void {
    setupKeyboard();
    keepOnSubmit();
    showChosen();
    restoreUnsent();
    setupSelection();
    setupHighlights();
    document.querySelectorAll<HTMLInputElement>('input[data-typeahead="source"][role="combobox"]').forEach(setupTypeahead);
    setupUnattributed();
    document.querySelectorAll<HTMLTextAreaElement>('textarea[data-mentions]').forEach(setupMentions);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();


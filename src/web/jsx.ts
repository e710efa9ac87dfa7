/**
 * A typed JSX runtime that renders straight to HTML strings. Every string child and every
 * attribute value is escaped; the only way to emit markup is an `Html` value, which only this
 * module and `raw()` create. No virtual DOM, no client hydration: the pages are server-rendered.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Child = Html | string | number | boolean | null | undefined | Child[];
type AttributeValue = string | number | boolean | null | undefined;
export type Attributes = { [name: string]: AttributeValue | Child } & { children?: Child };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = Html;
    interface IntrinsicElements {
      [tag: string]: Attributes;
    }
    interface ElementChildrenAttribute {
      children: unknown;
    }
  }
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\r': '&#13;' };

/**
 * Escapes text for element content and quoted attribute values. A carriage return becomes a
 * character reference because the HTML parser would otherwise turn CR LF into LF, and the text
 * the browser shows must be exactly the stored text (claim offsets index into it).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => TEXT_ESCAPES[c]);
}

/** Trusted markup, for the few places that build HTML themselves (the highlighted article body). */
export function raw(markup: string): Html {
  return new Html(markup);
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ATTRIBUTE_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;

function renderChild(child: Child, out: string[]): void {
  if (child === null || child === undefined || child === false || child === true) return;
  if (child instanceof Html) out.push(child.value);
  else if (Array.isArray(child)) for (const c of child) renderChild(c, out);
  else out.push(escapeHtml(String(child)));
}

type Component<P> = (props: P & { children?: Child }) => Html;

export function h(tag: string | Component<Record<string, unknown>>, props: Attributes | null, ...children: Child[]): Html {
  if (typeof tag === 'function') return tag({ ...(props ?? {}), children: children.length === 1 ? children[0] : children });
  const out: string[] = ['<', tag];
  for (const [name, value] of Object.entries(props ?? {})) {
    if (name === 'children' || value === null || value === undefined || value === false) continue;
    // Event handler attributes are refused outright: the CSP forbids them, and so do we.
    if (!ATTRIBUTE_NAME.test(name) || /^on/i.test(name)) throw new Error(`Refusing attribute ${name} on <${tag}>`);
    if (value === true) out.push(' ', name);
    else out.push(' ', name, '="', escapeHtml(String(value)), '"');
  }
  out.push('>');
  if (VOID.has(tag)) return new Html(out.join(''));
  // The HTML parser drops one newline right after <textarea>/<pre>: give it one to drop, so a
  // value that starts with a line break keeps it.
  if (tag === 'textarea' || tag === 'pre') out.push('\n');
  renderChild(children, out);
  out.push('</', tag, '>');
  return new Html(out.join(''));
}

export function Fragment(props: { children?: Child }): Html {
  const out: string[] = [];
  renderChild(props.children, out);
  return new Html(out.join(''));
}

/** A complete document. */
export function renderDocument(page: Html): string {
  return `<!doctype html>\n${page.value}`;
}

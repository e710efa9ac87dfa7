import { escapeHtml } from './jsx';

export interface Span {
  id: number;
  start: number;
  end: number;
  /** A CSS class token for the colour (status or rating), e.g. `st-published`. */
  tone: string;
}

/** A suggested claim's span, drawn only where no logged claim is. */
export interface SuggestedSpan {
  key: string;
  start: number;
  end: number;
}

/**
 * The article body as HTML with every claim's span wrapped in <mark>. The text is cut at every
 * claim boundary into flat, non-nested segments; a segment covered by several claims lists them
 * all in `data-claims` and takes the colour of the shortest (innermost) one, so overlapping
 * claims stay visible and each stays reachable. Nothing but the escaped text goes between the
 * tags, so the element's textContent is exactly `body` and browser offsets equal stored offsets.
 */
export function highlightBody(body: string, spans: Span[], options: { focusable?: boolean; suggested?: SuggestedSpan[] } = {}): string {
  const suggested = options.suggested ?? [];
  const valid = spans.filter((s) => s.start >= 0 && s.end <= body.length && s.start < s.end);
  const hints = suggested.filter((s) => s.start >= 0 && s.end <= body.length && s.start < s.end);
  const cuts = new Set<number>([0, body.length]);
  for (const s of [...valid, ...hints]) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const starting = new Map<number, Span[]>();
  for (const s of valid) starting.set(s.start, [...(starting.get(s.start) ?? []), s]);
  let active: Span[] = [];
  const out: string[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i];
    const to = points[i + 1];
    active = active.filter((s) => s.end > from).concat(starting.get(from) ?? []);
    const text = escapeHtml(body.slice(from, to));
    if (active.length === 0) {
      // Words only a suggestion covers: marked apart from logged claims (dashed outline, no colour).
      const keys = hints.filter((s) => s.start <= from && s.end >= to).map((s) => s.key);
      out.push(keys.length ? `<mark class="hl-suggested" data-suggestions="${escapeHtml(keys.join(' '))}">${text}</mark>` : text);
      continue;
    }
    const inner = active.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
    const ids = active.map((s) => s.id).sort((a, b) => a - b);
    const overlap = active.length > 1 ? ' hl-overlap' : '';
    // Keyboard reach: the segment where a claim starts takes the tab order and is the target of the
    // claim's "show in text" link (id hl-<claim>); Enter on it goes to the claim (browser script).
    const starts = (starting.get(from) ?? []).map((s) => s.id).sort((a, b) => a - b);
    const focus = options.focusable && starts.length ? ` id="hl-${starts[0]}" tabindex="0"` : '';
    out.push(`<mark class="hl ${inner.tone}${overlap}" data-claims="${ids.join(' ')}"${focus}>${text}</mark>`);
  }
  return out.join('');
}

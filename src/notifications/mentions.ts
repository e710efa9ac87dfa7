/**
 * `@username` mentions in comments and rationales. Pure: no Nest, no database.
 *
 * A mention is `@` at the start or after a character that cannot be part of an address or a
 * word (so `maria@example.org` is no mention), followed by a username (lower-case letters,
 * digits, `.`, `_`, `-`, starting with a letter or digit); a trailing `.`, `-` or `_` ends the
 * sentence, not the name.
 */
const MENTION = /(^|[^\w@.+-])@([a-z0-9][a-z0-9._-]*)/g;

function trimName(name: string): string {
  return name.replace(/[._-]+$/, '');
}

/** The distinct usernames `text` mentions, in order of first mention. */
export function mentionsIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(MENTION)) {
    const name = trimName(match[2]);
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Splits `text` into plain parts and mentions, for rendering a mention as a link. */
export function splitMentions(text: string): ({ text: string } | { mention: string })[] {
  const parts: ({ text: string } | { mention: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const name = trimName(match[2]);
    if (!name) continue;
    const start = match.index! + match[1].length;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ mention: name });
    last = start + 1 + name.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** The `@prefix` being typed just before the caret at `caret`, or null (for suggestions while typing). */
export function mentionPrefixAt(text: string, caret: number): string | null {
  const before = text.slice(0, caret);
  const match = /(^|[^\w@.+-])@([a-z0-9._-]*)$/.exec(before);
  return match ? match[2] : null;
}

import type { Readability as ReadabilityClass } from '@mozilla/readability';

/**
 * The readable text of a captured page (Mozilla Readability, as Firefox's Reader View, on
 * linkedom's server-side DOM); plain text is kept as it is; other types have none. Both are
 * loaded on the first page to read, not at start-up (they took about a tenth of it).
 */
export function readableText(body: Buffer, contentType: string | null): { title: string | null; text: string | null } {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const source = body.toString('utf8');
  if (type === 'text/plain') return { title: null, text: source.slice(0, 1_000_000) };
  if (type !== 'text/html' && type !== 'application/xhtml+xml') return { title: null, text: null };
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parseHTML } = require('linkedom') as typeof import('linkedom');
  const { Readability } = require('@mozilla/readability') as { Readability: typeof ReadabilityClass };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { document } = parseHTML(source);
  const title = document.querySelector('title')?.textContent?.trim() || null;
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const text = (article?.textContent ?? document.body?.textContent ?? '').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return { title: (article?.title || title)?.slice(0, 500) ?? null, text: text ? text.slice(0, 1_000_000) : null };
}

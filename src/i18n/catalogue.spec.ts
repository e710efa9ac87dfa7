import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES, DEFAULT_LANGUAGE, LANGUAGES } from './i18n';

/** Every .ts / .tsx file under src (specs and the catalogues themselves excluded): where keys must be used. */
function sourceText(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? sourceText(path) : /\.tsx?$/.test(path) && !/\.spec\.tsx?$/.test(path) ? readFileSync(path, 'utf8') : ''))
    .join('\n');
}

/** The argument names of an ICU message (`{count, plural, …}` → count), to compare translations with English. */
function argumentsOf(message: string, lang: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]): void => {
    for (const element of elements as { type: number; value?: unknown; options?: Record<string, { value: unknown[] }>; children?: unknown[] }[]) {
      if (typeof element.value === 'string' && element.type !== 0) names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      if (element.children) walk(element.children);
    }
  };
  walk(new IntlMessageFormat(message, lang, undefined, { ignoreTag: true }).getAst() as unknown[]);
  return [...names].sort();
}

describe('The message catalogues', () => {
  const reference = CATALOGUES[DEFAULT_LANGUAGE];
  const keys = Object.keys(reference).sort();

  it.each(LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE))('%s has every English key and no other', (lang) => {
    const own = Object.keys(CATALOGUES[lang]).sort();
    expect({ missing: keys.filter((k) => !own.includes(k)), extra: own.filter((k) => !keys.includes(k)) }).toEqual({ missing: [], extra: [] });
  });

  it.each([...LANGUAGES])('%s: every message is valid ICU MessageFormat with the same arguments as English, and none is empty', (lang) => {
    const problems: string[] = [];
    for (const key of keys) {
      const message = CATALOGUES[lang][key];
      if (message === undefined) continue;
      if (!message.trim()) problems.push(`${key}: empty`);
      try {
        const own = argumentsOf(message, lang).join(',');
        const english = argumentsOf(reference[key], DEFAULT_LANGUAGE).join(',');
        if (own !== english) problems.push(`${key}: arguments {${own}} but English has {${english}}`);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('fails on a key that no code uses (every key appears as a string literal in src)', () => {
    const source = sourceText(join(__dirname, '..'));
    const unused = keys.filter((key) => !source.includes(`'${key}'`) && !source.includes(`"${key}"`) && !source.includes(`\`${key}\``));
    expect(unused).toEqual([]);
  });

  it('writes French with typographic spaces: a no-break space before : ; ? ! and inside « », and the ’ apostrophe', () => {
    const problems = Object.entries(CATALOGUES.fr).filter(([, message]) => / [:;?!»]|« |'/.test(message) || /[^\u00a0\s][;?!»]|«[^\u00a0]/.test(message.replace(/\{[^{}]*\}/g, '')));
    expect(problems).toEqual([]);
  });
});

import { IntlMessageFormat } from 'intl-messageformat';
import Negotiator from 'negotiator';
import en from './messages/en.json';
import fr from './messages/fr.json';

/**
 * The interface's languages. Adding one is adding its message file (messages/xx.json, every key
 * of en.json) and its code here; the catalogue spec (i18n.spec.ts) fails on a missing key.
 */
export const LANGUAGES = ['en', 'fr'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Lang = 'en';

/** Every message key; English is the reference catalogue. */
export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number | Date | null | undefined>;

/** The catalogues, by language: flat objects of key → ICU MessageFormat string. */
export const CATALOGUES: Record<Lang, Record<string, string>> = { en, fr };

/** The languages' own names, for the language picker (each in its own language). */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', fr: 'Français' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

const compiled = new Map<string, IntlMessageFormat>();

function formatter(lang: Lang, key: string): IntlMessageFormat {
  const id = `${lang}\0${key}`;
  let format = compiled.get(id);
  if (!format) {
    const source = CATALOGUES[lang][key] ?? CATALOGUES[DEFAULT_LANGUAGE][key];
    if (source === undefined) throw new Error(`No message "${key}" in the catalogue.`);
    // Messages are plain text (the views escape them): `<` is a character, not a tag.
    format = new IntlMessageFormat(source, lang, undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return format;
}

/**
 * The message `key` in `lang`, with its ICU arguments (plurals, selects, numbers, dates) filled
 * in by intl-messageformat. A key missing from `lang` falls back to English.
 */
export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  return String(formatter(lang, key).format(params as Record<string, string | number | Date>));
}

/** `t` bound to one language, for a view: `const tr = translator(viewer.lang); tr('nav.articles')`. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;
export function translator(lang: Lang): Translate {
  return (key, params) => t(lang, key, params);
}

/** A message key known only at run time (e.g. a stored error code): undefined when the catalogue has no such key. */
export function tIfKnown(lang: Lang, key: string, params?: MessageParams): string | undefined {
  return key in CATALOGUES[DEFAULT_LANGUAGE] ? t(lang, key as MessageKey, params) : undefined;
}

/**
 * The best of our languages for an `Accept-Language` header, honouring q-values and region
 * subtags (`fr-CA;q=0.9` matches `fr`; `q=0` refuses a language); English when none matches.
 */
export function negotiateLanguage(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return DEFAULT_LANGUAGE;
  const best = new Negotiator({ headers: { 'accept-language': header } }).language([...LANGUAGES]);
  return isLang(best) ? best : DEFAULT_LANGUAGE;
}

/** What a request's language depends on: the signed-in user's setting, else the browser's header. */
export interface LanguageSource {
  user?: { language?: string | null } | null;
  /** Absent only for requests made up outside HTTP (a filter's unit spec). */
  headers?: { 'accept-language'?: string | string[] | undefined };
}

/** The request's language: the user's setting, else `Accept-Language`, else English. */
export function requestLanguage(request: LanguageSource): Lang {
  const chosen = request.user?.language;
  return isLang(chosen) ? chosen : negotiateLanguage(request.headers?.['accept-language']);
}

/**
 * The language of an API answer (its error messages): an explicit `Accept-Language` naming one of
 * our languages wins, since an API client speaks for itself; else the user's setting; else English.
 */
export function apiLanguage(request: LanguageSource): Lang {
  const header = request.headers?.['accept-language'];
  if (header) {
    const best = new Negotiator({ headers: { 'accept-language': Array.isArray(header) ? header.join(',') : header } }).language([...LANGUAGES]);
    if (isLang(best)) return best;
  }
  return requestLanguage({ user: request.user, headers: {} });
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${lang}\0${JSON.stringify(options)}`;
  let format = dateTimes.get(id);
  if (!format) dateTimes.set(id, (format = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', ...options })));
  return format;
}

/** An instant in the language, in UTC (the desk's one clock): "25 Nov 2026, 14:05 UTC" / "25 nov. 2026, 14:05 UTC". */
export function formatDateTime(lang: Lang, value: Date | string): string {
  return `${dateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(value))} UTC`;
}

/** A calendar date (`YYYY-MM-DD`, no time zone) in the language: "3 March 2016" / "3 mars 2016". */
export function formatDate(lang: Lang, value: Date | string): string {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return dateTimeFormat(lang, { dateStyle: 'long' }).format(date);
}

/** A number with the language's separators: 12,345.5 / 12 345,5. */
export function formatNumber(lang: Lang, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(lang, options).format(value);
}

/** A list in the language: "a, b and c" / "a, b et c" (`disjunction`: "or" / "ou"). */
export function formatList(lang: Lang, items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(lang, { style: 'long', type }).format(items);
}

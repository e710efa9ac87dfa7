import type { Actor } from '../audit/audit.service';
import type { Lang } from '../i18n/i18n';

/** Who is looking at a page, the CSRF token every form on it must carry, and the page's language. */
export interface Viewer {
  user: Actor;
  csrf: string;
  lang: Lang;
}

/** What a page handler produces: a page, or a 303 redirect after a successful form post. */
export type WebResult = { html: string; status?: number } | { redirect: string };

export const page = (html: string, status = 200): WebResult => ({ html, status });
export const redirect = (to: string): WebResult => ({ redirect: to });

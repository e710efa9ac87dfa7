import { t } from '../../i18n/i18n';
import { h } from '../jsx';
import type { Viewer } from '../web.types';
import { CsrfField, Layout } from './layout';

export interface ConfirmModel {
  viewer: Viewer;
  /** The page's heading: the question. */
  question: string;
  /** What will happen, in a sentence or two. */
  consequence: string;
  /** Where the confirmed form posts (the same route, with confirm=yes). */
  action: string;
  /** The fields of the first post, carried over unchanged (the version the user saw, the reason...). */
  fields: Record<string, string>;
  confirmLabel: string;
  /** Where "Cancel" goes: the page the user came from. */
  cancelHref: string;
  section?: 'articles' | 'review' | 'sources' | 'users';
}

/**
 * The second step of a destructive action, without JavaScript: the first post answers with this
 * page, and only its "yes" button (the same fields plus confirm=yes) does the change.
 */
export function ConfirmPage(m: ConfirmModel): string {
  return Layout({
    title: m.question,
    viewer: m.viewer,
    section: m.section ?? 'articles',
    children: (
      <section class="narrow confirm">
        <h1>{m.question}</h1>
        <p>{m.consequence}</p>
        <form method="post" action={m.action} class="stack">
          <CsrfField viewer={m.viewer} />
          {Object.entries(m.fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="confirm" value="yes" />
          <div class="actions">
            <button type="submit" class="danger">
              {m.confirmLabel}
            </button>{' '}
            <a href={m.cancelHref}>{t(m.viewer.lang, 'confirm.cancel')}</a>
          </div>
        </form>
      </section>
    ),
  });
}

/** Whether a post is the confirmed second step. */
export const isConfirmed = (body: Record<string, unknown>): boolean => body.confirm === 'yes';

/** The fields of a first post to carry into the confirm page (the CSRF token is added afresh). */
export function carried(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== 'confirm' && k !== '_csrf') out[k] = v;
  return out;
}

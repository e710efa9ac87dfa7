import { Child, Fragment, h, Html, renderDocument } from '../jsx';
import type { Viewer } from '../web.types';
import { CSRF_FIELD } from '../session';
import { DEFAULT_LANGUAGE, Lang, t } from '../../i18n/i18n';

export interface LayoutProps {
  title: string;
  viewer: Viewer | null;
  /** The page's language when nobody is signed in (the sign-in page); otherwise the viewer's. */
  lang?: Lang;
  /** Which nav entry is current. */
  section?: 'articles' | 'claims' | 'review' | 'sources' | 'users' | 'help' | 'notifications' | 'webhooks';
  children?: Child;
}

export function CsrfField({ viewer }: { viewer: Viewer }): Html {
  return <input type="hidden" name={CSRF_FIELD} value={viewer.csrf} />;
}

function NavLink({ href, current, children }: { href: string; current: boolean; children?: Child }): Html {
  return (
    <a href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

export function Layout({ title, viewer, section, children, lang: anonymousLang }: LayoutProps): string {
  const lang = viewer?.lang ?? anonymousLang ?? DEFAULT_LANGUAGE;
  return renderDocument(
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title} · Claimtrail</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
      </head>
      <body data-user={viewer?.user.username} data-i18n={clientMessages(lang)}>
        <a class="skip" href="#main">
          {t(lang, 'layout.skip')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            Claimtrail
          </a>
          {viewer ? (
            <Fragment>
              <nav aria-label={t(lang, 'layout.nav.label')}>
                <NavLink href="/articles" current={section === 'articles'}>
                  {t(lang, 'layout.nav.articles')}
                </NavLink>
                <NavLink href="/claims" current={section === 'claims'}>
                  {t(lang, 'layout.nav.claims')}
                </NavLink>
                {/* Every role has lanes: reviewers their review work, editors their returned claims. */}
                <NavLink href="/review" current={section === 'review'}>
                  {t(lang, 'layout.nav.review')}
                </NavLink>
                <NavLink href="/sources" current={section === 'sources'}>
                  {t(lang, 'layout.nav.sources')}
                </NavLink>
                {viewer.user.role === 'admin' ? (
                  <NavLink href="/users" current={section === 'users'}>
                    {t(lang, 'layout.nav.users')}
                  </NavLink>
                ) : null}
                {viewer.user.role === 'admin' ? (
                  <NavLink href="/webhooks" current={section === 'webhooks'}>
                    {t(lang, 'layout.nav.webhooks')}
                  </NavLink>
                ) : null}
                <NavLink href="/help" current={section === 'help'}>
                  {t(lang, 'layout.nav.help')}
                </NavLink>
              </nav>
              <a class="inbox" href="/notifications" aria-current={section === 'notifications' ? 'page' : undefined}>
                {t(lang, 'layout.nav.notifications')}{' '}
                <span class="count" id="unread-count" data-unread={String(viewer.unread ?? 0)}>
                  {String(viewer.unread ?? 0)}
                </span>
                <span class="sr-only">{t(lang, 'notifications.unreadSr')}</span>
              </a>
              <form class="signout" method="post" action="/logout">
                <CsrfField viewer={viewer} />
                <a class="who" href="/account" title={t(lang, 'layout.account.title')}>
                  {viewer.user.username} <span class="role">({t(lang, roleKey(viewer.user.role))})</span>
                </a>
                <button type="submit" class="link">
                  {t(lang, 'layout.signOut')}
                </button>
              </form>
            </Fragment>
          ) : null}
        </header>
        <main id="main" tabindex="-1">
          {children}
        </main>
      </body>
    </html>,
  );
}

/**
 * The browser script's messages (src/web/client/app.ts), in the page's language. `{count}` is left
 * for the script, which picks the plural form with Intl.PluralRules.
 */
function clientMessages(lang: Lang): string {
  return JSON.stringify({
    'client.logClaim.one': t(lang, 'client.logClaim.one', { count: '{count}' }),
    'client.logClaim.other': t(lang, 'client.logClaim.other', { count: '{count}' }),
    'client.restored': t(lang, 'client.restored'),
    'client.mentionPeople': t(lang, 'client.mentionPeople'),
  });
}

/** The message key of a role's name. */
export function roleKey(role: string): 'role.editor' | 'role.reviewer' | 'role.admin' {
  return role === 'admin' ? 'role.admin' : role === 'reviewer' ? 'role.reviewer' : 'role.editor';
}

/** A list of problems above a form, announced to screen readers. */
export function Problems({ message, errors }: { message?: string | null; errors?: { field: string; reason: string }[] }): Html {
  if (!message && !errors?.length) return <Fragment />;
  return (
    <div class="problems" role="alert">
      {message ? <p>{message}</p> : null}
      {errors?.length ? (
        <ul>
          {errors.map((e) => (
            <li>
              <strong>{e.field}</strong>: {e.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice({ text }: { text?: string | null }): Html {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : (
    <Fragment />
  );
}

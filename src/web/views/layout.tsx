import { Child, Fragment, h, Html, renderDocument } from '../jsx';
import type { Viewer } from '../web.types';
import { CSRF_FIELD } from '../session';

export interface LayoutProps {
  title: string;
  viewer: Viewer | null;
  /** Which nav entry is current. */
  section?: 'articles' | 'claims' | 'review' | 'sources' | 'users' | 'help' | 'webhooks';
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

export function Layout({ title, viewer, section, children }: LayoutProps): string {
  return renderDocument(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title} · Claimtrail</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
      </head>
      <body data-user={viewer?.user.username}>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/">
            Claimtrail
          </a>
          {viewer ? (
            <Fragment>
              <nav aria-label="Main">
                <NavLink href="/articles" current={section === 'articles'}>
                  Articles
                </NavLink>
                <NavLink href="/claims" current={section === 'claims'}>
                  Claims
                </NavLink>
                {/* Every role has lanes: reviewers their review work, editors their returned claims. */}
                <NavLink href="/review" current={section === 'review'}>
                  Review queue
                </NavLink>
                <NavLink href="/sources" current={section === 'sources'}>
                  Sources
                </NavLink>
                {viewer.user.role === 'admin' ? (
                  <NavLink href="/users" current={section === 'users'}>
                    Users
                  </NavLink>
                ) : null}
                {viewer.user.role === 'admin' ? (
                  <NavLink href="/webhooks" current={section === 'webhooks'}>
                    Webhooks
                  </NavLink>
                ) : null}
                <NavLink href="/help" current={section === 'help'}>
                  Help
                </NavLink>
              </nav>
              <form class="signout" method="post" action="/logout">
                <CsrfField viewer={viewer} />
                <a class="who" href="/account" title="Your account: password and sessions">
                  {viewer.user.username} <span class="role">({viewer.user.role})</span>
                </a>
                <button type="submit" class="link">
                  Sign out
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

import { h } from '../jsx';
import { CSRF_FIELD } from '../session';
import { Layout, Problems } from './layout';

export interface LoginPageModel {
  csrf: string;
  next: string;
  username?: string;
  message?: string;
  /** Single sign-on, when configured: the provider's name for the button. */
  sso?: { name: string };
}

export function LoginPage({ csrf, next, username, message, sso }: LoginPageModel): string {
  return Layout({
    title: 'Sign in',
    viewer: null,
    children: (
      <section class="narrow">
        <h1>Sign in</h1>
        <Problems message={message} />
        {sso ? (
          <p>
            <a class="button" href={`/auth/oidc/start?next=${encodeURIComponent(next)}`}>
              Sign in with {sso.name}
            </a>
          </p>
        ) : null}
        <form method="post" action="/login" class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <input type="hidden" name="next" value={next} />
          <label for="username">Username</label>
          <input id="username" name="username" autocomplete="username" required value={username ?? ''} autofocus={!sso} />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit" class={sso ? 'secondary' : undefined}>
            Sign in
          </button>
        </form>
      </section>
    ),
  });
}

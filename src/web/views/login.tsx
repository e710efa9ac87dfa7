import { Lang, t } from '../../i18n/i18n';
import { h } from '../jsx';
import { CSRF_FIELD } from '../session';
import { Layout, Problems } from './layout';

export interface LoginPageModel {
  lang: Lang;
  csrf: string;
  next: string;
  username?: string;
  message?: string;
  /** Single sign-on, when configured: the provider's name for the button. */
  sso?: { name: string };
}

export function LoginPage({ lang, csrf, next, username, message, sso }: LoginPageModel): string {
  return Layout({
    title: t(lang, 'login.title'),
    viewer: null,
    lang,
    children: (
      <section class="narrow">
        <h1>{t(lang, 'login.title')}</h1>
        <Problems message={message} />
        {sso ? (
          <p>
            <a class="button" href={`/auth/oidc/start?next=${encodeURIComponent(next)}`}>
              {t(lang, 'login.sso', { provider: sso.name })}
            </a>
          </p>
        ) : null}
        <form method="post" action="/login" class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <input type="hidden" name="next" value={next} />
          <label for="username">{t(lang, 'login.username')}</label>
          <input id="username" name="username" autocomplete="username" required value={username ?? ''} autofocus={!sso} />
          <label for="password">{t(lang, 'login.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit" class={sso ? 'secondary' : undefined}>
            {t(lang, 'login.submit')}
          </button>
        </form>
      </section>
    ),
  });
}

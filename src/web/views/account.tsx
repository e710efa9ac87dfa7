import type { SessionDto } from '../../account/dto/account.dto';
import type { FieldError } from '../../common/errors';
import { formatDateTime, Lang, LANGUAGE_NAMES, LANGUAGES, t } from '../../i18n/i18n';
import { Fragment, h } from '../jsx';
import type { Viewer } from '../web.types';
import { CsrfField, Layout, Notice, Problems, roleKey } from './layout';

const when = (lang: Lang, iso: string | null): string => (iso ? formatDateTime(lang, iso) : t(lang, 'account.notRecorded'));

/** Your account: your language, change your password, see your sessions, end one or all of them. */
export function AccountPage({
  viewer,
  sessions,
  language,
  notice,
  message,
  errors,
}: {
  viewer: Viewer;
  sessions: SessionDto[];
  /** The user's language setting (null: the browser decides). */
  language: string | null;
  notice?: string;
  message?: string;
  errors?: FieldError[];
}): string {
  const lang = viewer.lang;
  return Layout({
    title: t(lang, 'account.title'),
    viewer,
    children: (
      <Fragment>
        <h1>{t(lang, 'account.title')}</h1>
        <p>{t(lang, 'account.signedInAs', { username: viewer.user.username, role: t(lang, roleKey(viewer.user.role)) })}</p>
        <Notice text={notice} />
        <p>
          <a href="/account/two-factor">{t(lang, 'twoFactor.title')}</a>
        </p>
        <section class="narrow" aria-labelledby="language-heading">
          <h2 id="language-heading">{t(lang, 'account.language.heading')}</h2>
          <form method="post" action="/account/language" class="stack">
            <CsrfField viewer={viewer} />
            <label for="language">{t(lang, 'account.language.label')}</label>
            <select id="language" name="language">
              <option value="" selected={language === null}>
                {t(lang, 'account.language.browser')}
              </option>
              {LANGUAGES.map((code) => (
                <option value={code} lang={code} selected={language === code}>
                  {LANGUAGE_NAMES[code]}
                </option>
              ))}
            </select>
            <button type="submit">{t(lang, 'account.language.save')}</button>
          </form>
        </section>
        <section class="narrow" aria-labelledby="password-heading">
          <h2 id="password-heading">{t(lang, 'account.password.heading')}</h2>
          <Problems message={message} errors={errors} />
          <form method="post" action="/account/password" class="stack">
            <CsrfField viewer={viewer} />
            <label for="currentPassword">{t(lang, 'account.password.current')}</label>
            <input id="currentPassword" name="currentPassword" type="password" required autocomplete="current-password" />
            <label for="newPassword">{t(lang, 'account.password.new')}</label>
            <input id="newPassword" name="newPassword" type="password" required minlength="12" autocomplete="new-password" />
            <p class="hint">{t(lang, 'account.password.hint')}</p>
            <button type="submit">{t(lang, 'account.password.submit')}</button>
          </form>
        </section>
        <section aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">{t(lang, 'account.sessions.heading')}</h2>
          <div class="table-wrap">
            <table class="list">
              <caption class="sr-only">{t(lang, 'account.sessions.caption', { count: sessions.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'account.sessions.signedIn')}</th>
                  <th scope="col">{t(lang, 'account.sessions.lastUsed')}</th>
                  <th scope="col">{t(lang, 'account.sessions.expires')}</th>
                  <th scope="col">
                    <span class="sr-only">{t(lang, 'account.sessions.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr>
                    <td data-label={t(lang, 'account.sessions.signedIn')}>
                      {when(lang, s.createdAt)}
                      {s.current ? <strong> {t(lang, 'account.sessions.current')}</strong> : null}
                    </td>
                    <td data-label={t(lang, 'account.sessions.lastUsed')}>{when(lang, s.lastUsedAt)}</td>
                    <td data-label={t(lang, 'account.sessions.expires')}>{when(lang, s.expiresAt)}</td>
                    <td data-label={t(lang, 'account.sessions.action')}>
                      {s.current ? null : (
                        <form method="post" action={`/account/sessions/${s.id}/end`}>
                          <CsrfField viewer={viewer} />
                          <button type="submit" class="secondary" aria-label={t(lang, 'account.sessions.endLabel', { when: when(lang, s.createdAt) })}>
                            {t(lang, 'account.sessions.end')}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form method="post" action="/account/sign-out-everywhere">
            <CsrfField viewer={viewer} />
            <button type="submit" class="secondary">
              {t(lang, 'account.sessions.signOutEverywhere')}
            </button>
          </form>
        </section>
      </Fragment>
    ),
  });
}

import type { EnrolmentDto, TwoFactorStatusDto } from '../../two-factor/dto/two-factor.dto';
import type { FieldError } from '../../common/errors';
import { Lang, t } from '../../i18n/i18n';
import { Fragment, h } from '../jsx';
import { CSRF_FIELD } from '../session';
import type { Viewer } from '../web.types';
import { CsrfField, Layout, Notice, Problems } from './layout';

/** /account/two-factor: status, enrolment (QR code and confirmation code), recovery codes. */
export function TwoFactorPage({
  viewer,
  status,
  enrolment,
  recoveryCodes,
  message,
  errors,
}: {
  viewer: Viewer;
  status: TwoFactorStatusDto;
  enrolment?: EnrolmentDto;
  recoveryCodes?: string[];
  message?: string;
  errors?: FieldError[];
}): string {
  const lang = viewer.lang;
  return Layout({
    title: t(lang, 'twoFactor.title'),
    viewer,
    children: (
      <section class="narrow">
        <h1>{t(lang, 'twoFactor.title')}</h1>
        {status.required && !status.enabled ? <Notice text={t(lang, 'twoFactor.requiredNotice')} /> : null}
        <Problems message={message} errors={errors} />
        {recoveryCodes ? (
          <Fragment>
            <h2>{t(lang, 'twoFactor.codes.heading')}</h2>
            <p>
              {t(lang, 'twoFactor.codes.intro')} <strong>{t(lang, 'twoFactor.codes.once')}</strong>
            </p>
            <ol class="recovery-codes" aria-label={t(lang, 'twoFactor.codes.label')}>
              {recoveryCodes.map((code) => (
                <li>
                  <code>{code}</code>
                </li>
              ))}
            </ol>
            <p>
              <a href="/articles">{t(lang, 'twoFactor.codes.continue')}</a>
            </p>
          </Fragment>
        ) : enrolment ? (
          <Fragment>
            <h2>{t(lang, 'twoFactor.enrol.scan')}</h2>
            <img src={enrolment.qrCode} alt={t(lang, 'twoFactor.enrol.qrAlt')} width="220" height="220" />
            <p>
              {t(lang, 'twoFactor.enrol.key')} <code id="totp-secret">{enrolment.secret}</code>
            </p>
            <form method="post" action="/account/two-factor/confirm" class="stack">
              <CsrfField viewer={viewer} />
              <label for="code">{t(lang, 'twoFactor.enrol.code')}</label>
              <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required pattern="[0-9 ]{6,7}" />
              <button type="submit">{t(lang, 'twoFactor.enrol.submit')}</button>
            </form>
          </Fragment>
        ) : status.enabled ? (
          <Fragment>
            <p>{t(lang, 'twoFactor.on', { count: status.recoveryCodesLeft })}</p>
            <form method="post" action="/account/two-factor/recovery-codes" class="stack">
              <CsrfField viewer={viewer} />
              <label for="code">{t(lang, 'twoFactor.regenerate.code')}</label>
              <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required />
              <button type="submit" class="secondary">
                {t(lang, 'twoFactor.regenerate.submit')}
              </button>
            </form>
            <p class="hint">{t(lang, 'twoFactor.lostHint')}</p>
          </Fragment>
        ) : (
          <Fragment>
            <p>{t(lang, 'twoFactor.off')}</p>
            <form method="post" action="/account/two-factor/enrol">
              <CsrfField viewer={viewer} />
              <button type="submit">{t(lang, 'twoFactor.setUp')}</button>
            </form>
          </Fragment>
        )}
      </section>
    ),
  });
}

/** The second step of a password sign-in: the authenticator's code or a recovery code. */
export function SecondFactorPage({ lang, csrf, next, username, message }: { lang: Lang; csrf: string; next: string; username: string; message?: string }): string {
  return Layout({
    title: t(lang, 'secondFactor.title'),
    viewer: null,
    lang,
    children: (
      <section class="narrow">
        <h1>{t(lang, 'secondFactor.title')}</h1>
        <Problems message={message} />
        <form method="post" action="/login/second-factor" class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <input type="hidden" name="next" value={next} />
          <input type="hidden" name="username" value={username} />
          <label for="code">{t(lang, 'secondFactor.code')}</label>
          <input id="code" name="code" autocomplete="one-time-code" required autofocus />
          <button type="submit">{t(lang, 'login.submit')}</button>
        </form>
      </section>
    ),
  });
}

/** Admins: the desk's two-factor policy. */
export function SecuritySettingsPage({ viewer, required, saved }: { viewer: Viewer; required: boolean; saved: boolean }): string {
  const lang = viewer.lang;
  return Layout({
    title: t(lang, 'security.title'),
    viewer,
    children: (
      <section class="narrow">
        <h1>{t(lang, 'security.title')}</h1>
        <Notice text={saved ? t(lang, 'security.saved') : undefined} />
        <form method="post" action="/settings/security" class="stack">
          <CsrfField viewer={viewer} />
          <label>
            <input type="checkbox" name="requireTwoFactor" value="yes" checked={required} /> {t(lang, 'security.require')}
          </label>
          <p class="hint">{t(lang, 'security.hint')}</p>
          <button type="submit">{t(lang, 'security.save')}</button>
        </form>
      </section>
    ),
  });
}

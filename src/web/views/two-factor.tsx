import type { EnrolmentDto, TwoFactorStatusDto } from '../../two-factor/dto/two-factor.dto';
import type { FieldError } from '../../common/errors';
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
  notice,
  message,
  errors,
}: {
  viewer: Viewer;
  status: TwoFactorStatusDto;
  enrolment?: EnrolmentDto;
  recoveryCodes?: string[];
  notice?: string;
  message?: string;
  errors?: FieldError[];
}): string {
  return Layout({
    title: 'Two-factor sign-in',
    viewer,
    children: (
      <section class="narrow">
        <h1>Two-factor sign-in</h1>
        <Notice text={notice} />
        {status.required && !status.enabled ? (
          <p class="notice" role="status">
            The desk requires two-factor sign-in for your role: set it up to continue.
          </p>
        ) : null}
        <Problems message={message} errors={errors} />
        {recoveryCodes ? (
          <Fragment>
            <h2>Your recovery codes</h2>
            <p>
              Two-factor is on. Keep these ten codes somewhere safe (printed, or in a password manager): each signs you in once if you
              lose your phone. <strong>They are shown only now.</strong>
            </p>
            <ol class="recovery-codes" aria-label="Recovery codes">
              {recoveryCodes.map((code) => (
                <li>
                  <code>{code}</code>
                </li>
              ))}
            </ol>
            <p>
              <a href="/articles">Continue to the desk</a>
            </p>
          </Fragment>
        ) : enrolment ? (
          <Fragment>
            <h2>Scan this code with your authenticator app</h2>
            <img src={enrolment.qrCode} alt="QR code for your authenticator app" width="220" height="220" />
            <p>
              Or type this key: <code id="totp-secret">{enrolment.secret}</code>
            </p>
            <form method="post" action="/account/two-factor/confirm" class="stack">
              <CsrfField viewer={viewer} />
              <label for="code">The 6-digit code the app shows</label>
              <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required pattern="[0-9 ]{6,7}" />
              <button type="submit">Turn on two-factor</button>
            </form>
          </Fragment>
        ) : status.enabled ? (
          <Fragment>
            <p>
              Two-factor is <strong>on</strong>: signing in asks for a code from your authenticator app. Recovery codes left:{' '}
              <strong>{String(status.recoveryCodesLeft)}</strong>.
            </p>
            <form method="post" action="/account/two-factor/recovery-codes" class="stack">
              <CsrfField viewer={viewer} />
              <label for="code">Current code from your app</label>
              <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required />
              <button type="submit" class="secondary">
                Make new recovery codes
              </button>
            </form>
            <p class="hint">Lost your phone and your recovery codes? An admin can reset your two-factor.</p>
          </Fragment>
        ) : (
          <Fragment>
            <p>
              Two-factor is <strong>off</strong>. With it on, signing in with your password also asks for a 6-digit code from an
              authenticator app on your phone (any TOTP app).
            </p>
            <form method="post" action="/account/two-factor/enrol">
              <CsrfField viewer={viewer} />
              <button type="submit">Set up two-factor</button>
            </form>
          </Fragment>
        )}
      </section>
    ),
  });
}

/** The second step of a password sign-in: the authenticator's code or a recovery code. */
export function SecondFactorPage({ csrf, next, username, message }: { csrf: string; next: string; username: string; message?: string }): string {
  return Layout({
    title: 'Two-factor code',
    viewer: null,
    children: (
      <section class="narrow">
        <h1>Two-factor code</h1>
        <Problems message={message} />
        <form method="post" action="/login/second-factor" class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <input type="hidden" name="next" value={next} />
          <input type="hidden" name="username" value={username} />
          <label for="code">Code from your authenticator app, or a recovery code</label>
          <input id="code" name="code" autocomplete="one-time-code" required autofocus />
          <button type="submit">Sign in</button>
        </form>
      </section>
    ),
  });
}

/** Admins: the desk's two-factor policy. */
export function SecuritySettingsPage({ viewer, required, notice }: { viewer: Viewer; required: boolean; notice?: string }): string {
  return Layout({
    title: 'Security settings',
    viewer,
    children: (
      <section class="narrow">
        <h1>Security settings</h1>
        <Notice text={notice} />
        <form method="post" action="/settings/security" class="stack">
          <CsrfField viewer={viewer} />
          <label>
            <input type="checkbox" name="requireTwoFactor" value="yes" checked={required} /> Require two-factor sign-in for reviewers and
            admins
          </label>
          <p class="hint">Those without it are sent to set it up at their next sign-in. A user’s two-factor is reset on the Users page.</p>
          <button type="submit">Save</button>
        </form>
      </section>
    ),
  });
}

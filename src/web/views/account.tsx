import type { SessionDto } from '../../account/dto/account.dto';
import type { FieldError } from '../../common/errors';
import { Fragment, h } from '../jsx';
import type { Viewer } from '../web.types';
import { CsrfField, Layout, Notice, Problems } from './layout';

const when = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'not recorded');

/** Your account: change your password, see your sessions, end one or all of them. */
export function AccountPage({ viewer, sessions, notice, message, errors }: { viewer: Viewer; sessions: SessionDto[]; notice?: string; message?: string; errors?: FieldError[] }): string {
  return Layout({
    title: 'Your account',
    viewer,
    children: (
      <Fragment>
        <h1>Your account</h1>
        <p>
          Signed in as <strong>{viewer.user.username}</strong> ({viewer.user.role}).
        </p>
        <Notice text={notice} />
        <p>
          <a href="/account/two-factor">Two-factor sign-in</a>
        </p>
        <section class="narrow" aria-labelledby="password-heading">
          <h2 id="password-heading">Change your password</h2>
          <Problems message={message} errors={errors} />
          <form method="post" action="/account/password" class="stack">
            <CsrfField viewer={viewer} />
            <label for="currentPassword">Current password</label>
            <input id="currentPassword" name="currentPassword" type="password" required autocomplete="current-password" />
            <label for="newPassword">New password (at least 12 characters)</label>
            <input id="newPassword" name="newPassword" type="password" required minlength="12" autocomplete="new-password" />
            <p class="hint">Your other sessions end; this one stays signed in.</p>
            <button type="submit">Change the password</button>
          </form>
        </section>
        <section aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">Your sessions</h2>
          <div class="table-wrap">
            <table class="list">
              <caption class="sr-only">Your open sessions</caption>
              <thead>
                <tr>
                  <th scope="col">Signed in</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span class="sr-only">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr>
                    <td data-label="Signed in">
                      {when(s.createdAt)}
                      {s.current ? <strong> (this session)</strong> : null}
                    </td>
                    <td data-label="Last used">{when(s.lastUsedAt)}</td>
                    <td data-label="Expires">{when(s.expiresAt)}</td>
                    <td data-label="Action">
                      {s.current ? null : (
                        <form method="post" action={`/account/sessions/${s.id}/end`}>
                          <CsrfField viewer={viewer} />
                          <button type="submit" class="secondary" aria-label={`End the session signed in ${when(s.createdAt)}`}>
                            End
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
              Sign out everywhere
            </button>
          </form>
        </section>
      </Fragment>
    ),
  });
}

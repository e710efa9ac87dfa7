import type { FieldError } from '../../common/errors';
import type { UserDto } from '../../users/dto/user.dto';
import { ROLES } from '../../users/user.entity';
import { Fragment, h } from '../jsx';
import type { Viewer } from '../web.types';
import { translator } from '../../i18n/i18n';
import { CsrfField, Layout, Notice, Problems, roleKey } from './layout';

export function UsersPage({ viewer, users, notice, message, errors }: { viewer: Viewer; users: UserDto[]; notice?: string; message?: string; errors?: FieldError[] }): string {
  const tr = translator(viewer.lang);
  return Layout({
    title: tr('layout.nav.users'),
    viewer,
    section: 'users',
    children: (
      <Fragment>
        <h1>{tr('layout.nav.users')}</h1>
        <p>
          <a href="/settings/security">{tr('users.securityLink')}</a>
        </p>
        <Notice text={notice} />
        <Problems message={message} errors={errors} />
        <div class="table-wrap">
          <table class="list">
            <caption class="sr-only">{tr('users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('users.col.user')}</th>
                <th scope="col">{tr('users.col.role')}</th>
                <th scope="col">{tr('users.col.reset')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr id={`user-${u.username}`}>
                  <td data-label={tr('users.col.user')}>
                    <strong>{u.username}</strong>
                    <div class="meta">{u.displayName}</div>
                  </td>
                  <td data-label={tr('users.col.role')}>
                    <form method="post" action={`/users/${u.id}`} class="stack">
                      <CsrfField viewer={viewer} />
                      <input type="hidden" name="version" value={String(u.version)} />
                      <label for={`role-${u.id}`}>{tr('users.roleOf', { username: u.username })}</label>
                      <select id={`role-${u.id}`} name="role">
                        {ROLES.map((r) => (
                          <option value={r} selected={u.role === r}>
                            {tr(roleKey(r))}
                          </option>
                        ))}
                      </select>
                      <div class="check">
                        <input type="checkbox" id={`active-${u.id}`} name="active" value="true" checked={u.active} />
                        <label for={`active-${u.id}`}>{tr('users.active')}</label>
                      </div>
                      <button type="submit" class="secondary">
                        {tr('users.save', { username: u.username })}
                      </button>
                    </form>
                  </td>
                  <td data-label={tr('users.col.reset')}>
                    <form method="post" action={`/users/${u.id}/password`} class="stack">
                      <CsrfField viewer={viewer} />
                      <input type="hidden" name="version" value={String(u.version)} />
                      <label for={`password-${u.id}`}>{tr('users.newPasswordFor', { username: u.username })}</label>
                      <input id={`password-${u.id}`} name="password" type="password" autocomplete="new-password" minlength="12" required />
                      <button type="submit" class="secondary">
                        {tr('users.col.reset')}
                      </button>
                    </form>
                    <form method="post" action={`/users/${u.id}/two-factor/reset`}>
                      <CsrfField viewer={viewer} />
                      <button type="submit" class="secondary" aria-label={tr('users.resetTwoFactorOf', { username: u.username })}>
                        {tr('users.resetTwoFactor')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section class="narrow" aria-labelledby="new-user-h">
          <h2 id="new-user-h">{tr('users.create')}</h2>
          <form method="post" action="/users" class="stack">
            <CsrfField viewer={viewer} />
            <label for="new-username">{tr('login.username')}</label>
            <input id="new-username" name="username" required autocomplete="off" />
            <label for="new-display">{tr('users.displayName')}</label>
            <input id="new-display" name="displayName" />
            <label for="new-role">{tr('users.role')}</label>
            <select id="new-role" name="role">
              {ROLES.map((r) => (
                <option value={r}>{tr(roleKey(r))}</option>
              ))}
            </select>
            <label for="new-password">{tr('users.password')}</label>
            <input id="new-password" name="password" type="password" autocomplete="new-password" minlength="12" required />
            <button type="submit">{tr('users.submit')}</button>
          </form>
        </section>
      </Fragment>
    ),
  });
}

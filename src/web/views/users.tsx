import type { FieldError } from '../../common/errors';
import type { UserDto } from '../../users/dto/user.dto';
import { ROLES } from '../../users/user.entity';
import { Fragment, h } from '../jsx';
import type { Viewer } from '../web.types';
import { CsrfField, Layout, Notice, Problems } from './layout';

export function UsersPage({ viewer, users, notice, message, errors }: { viewer: Viewer; users: UserDto[]; notice?: string; message?: string; errors?: FieldError[] }): string {
  return Layout({
    title: 'Users',
    viewer,
    section: 'users',
    children: (
      <Fragment>
        <h1>Users</h1>
        <p>
          <a href="/settings/security">Security settings</a> (two-factor policy)
        </p>
        <Notice text={notice} />
        <Problems message={message} errors={errors} />
        <div class="table-wrap">
          <table class="list">
            <caption class="sr-only">Users, their roles, and password resets</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role and status</th>
                <th scope="col">Reset password</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr id={`user-${u.username}`}>
                  <td data-label="User">
                    <strong>{u.username}</strong>
                    <div class="meta">{u.displayName}</div>
                  </td>
                  <td data-label="Role and status">
                    <form method="post" action={`/users/${u.id}`} class="stack">
                      <CsrfField viewer={viewer} />
                      <input type="hidden" name="version" value={String(u.version)} />
                      <label for={`role-${u.id}`}>Role of {u.username}</label>
                      <select id={`role-${u.id}`} name="role">
                        {ROLES.map((r) => (
                          <option value={r} selected={u.role === r}>
                            {r}
                          </option>
                        ))}
                      </select>
                      <div class="check">
                        <input type="checkbox" id={`active-${u.id}`} name="active" value="true" checked={u.active} />
                        <label for={`active-${u.id}`}>Active</label>
                      </div>
                      <button type="submit" class="secondary">
                        Save {u.username}
                      </button>
                    </form>
                  </td>
                  <td data-label="Reset password">
                    <form method="post" action={`/users/${u.id}/password`} class="stack">
                      <CsrfField viewer={viewer} />
                      <input type="hidden" name="version" value={String(u.version)} />
                      <label for={`password-${u.id}`}>New password for {u.username} (12+ characters)</label>
                      <input id={`password-${u.id}`} name="password" type="password" autocomplete="new-password" minlength="12" required />
                      <button type="submit" class="secondary">
                        Reset password
                      </button>
                    </form>
                    <form method="post" action={`/users/${u.id}/two-factor/reset`}>
                      <CsrfField viewer={viewer} />
                      <button type="submit" class="secondary" aria-label={`Reset two-factor of ${u.username}`}>
                        Reset two-factor
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section class="narrow" aria-labelledby="new-user-h">
          <h2 id="new-user-h">Create a user</h2>
          <form method="post" action="/users" class="stack">
            <CsrfField viewer={viewer} />
            <label for="new-username">Username</label>
            <input id="new-username" name="username" required autocomplete="off" />
            <label for="new-display">Display name (optional)</label>
            <input id="new-display" name="displayName" />
            <label for="new-role">Role</label>
            <select id="new-role" name="role">
              {ROLES.map((r) => (
                <option value={r}>{r}</option>
              ))}
            </select>
            <label for="new-password">Password (12+ characters)</label>
            <input id="new-password" name="password" type="password" autocomplete="new-password" minlength="12" required />
            <button type="submit">Create user</button>
          </form>
        </section>
      </Fragment>
    ),
  });
}

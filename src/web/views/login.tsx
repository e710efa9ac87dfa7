import { h } from '../jsx';
import { CSRF_FIELD } from '../session';
import { Layout, Problems } from './layout';

export function LoginPage({ csrf, next, username, message }: { csrf: string; next: string; username?: string; message?: string }): string {
  return Layout({
    title: 'Sign in',
    viewer: null,
    children: (
      <section class="narrow">
        <h1>Sign in</h1>
        <Problems message={message} />
        <form method="post" action="/login" class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <input type="hidden" name="next" value={next} />
          <label for="username">Username</label>
          <input id="username" name="username" autocomplete="username" required value={username ?? ''} autofocus />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">Sign in</button>
        </form>
      </section>
    ),
  });
}

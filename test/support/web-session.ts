import type { Role } from '../../src/users/user.entity';
import type { SignedIn, TestApp } from './test-app';

export interface WebSession {
  user: SignedIn;
  /** `ct_session=...`, for a Cookie header. */
  cookie: string;
  /** The session's CSRF token, as the pages' forms carry it. */
  csrf: string;
}

/** Signs a new user in through the sign-in form, as a browser does, and reads the CSRF token off a page. */
export async function webSession(t: TestApp, role: Role): Promise<WebSession> {
  const user = await t.signIn(role);
  const form = await t.http.get('/login').expect(200);
  const pre = (form.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
  const preCsrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const login = await t.http
    .post('/login')
    .set('Cookie', pre)
    .type('form')
    .send({ _csrf: preCsrf, username: user.username, password: `password-of-${user.username}` })
    .expect(303);
  const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
  const page = await t.http.get('/articles').set('Cookie', cookie).expect(200);
  return { user, cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] };
}

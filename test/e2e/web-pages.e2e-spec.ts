import { TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** The web pages' lists and their paging. */
describe('Web pages', () => {
  let t: TestApp;
  let admin: WebSession;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await webSession(t, 'admin');
  });
  afterAll(() => t.close());

  it.each(['/articles', '/sources', '/review'])('clamps an out-of-range ?page= on %s to the last allowed page instead of failing', async (path) => {
    const huge = await t.http.get(`${path}?page=99999999999999999999`).set('Cookie', admin.cookie).expect(200);
    expect(huge.text).not.toContain('Something went wrong');
    for (const garbage of ['abc', '-3', '0', '1e9', '']) {
      await t.http.get(`${path}?page=${garbage}`).set('Cookie', admin.cookie).expect(200);
    }
  });
});

import { ClaimsService } from '../../src/claims/claims.service';
import { articleInput, claimInput, sourceInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

/** Callers other than the HTTP pipe (the web chain builder, the seed) get the same rules. */
describe(ClaimsService.name, () => {
  let t: TestApp;
  let editor: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.signIn('editor');
  });
  afterAll(() => t.close());

  it('refuses an invalid attribution link even when it does not come through the API', async () => {
    const article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body;
    const source = (await t.http.post('/api/sources').set('Authorization', editor.auth).send(sourceInput()).expect(201)).body;
    const before = await t.count('claims');
    const bad = { sourceId: source.id, verb: '', mode: '<evil>', saidWhen: 'x'.repeat(500) } as never;
    await expect(
      t.app.get(ClaimsService).create({ id: editor.id, username: editor.username, role: 'editor' }, article.id, claimInput({ unattributed: false, attributions: [bad] })),
    ).rejects.toMatchObject({
      response: {
        statusCode: 400,
        errors: expect.arrayContaining([
          expect.objectContaining({ field: 'attributions[0].verb' }),
          expect.objectContaining({ field: 'attributions[0].mode' }),
          expect.objectContaining({ field: 'attributions[0].saidWhen' }),
        ]),
      },
    });
    expect(await t.count('claims')).toBe(before);
  });
});

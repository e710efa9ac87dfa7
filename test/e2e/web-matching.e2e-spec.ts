import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/main';
import { SeedService } from '../../src/seed/seed.service';
import { articleInput } from '../factories';
import { TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** The claim panel's matching sections (issue 11): duplicates, similar claims, link/dismiss, cluster, external fact-checks. */
describe('Web claim matching', () => {
  let t: TestApp;
  let editor: WebSession;
  let minesA: number;
  let minesB: number;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.get(SeedService).seedSample();
    editor = await webSession(t, 'editor');
    const rows: { id: number; quote: string }[] = await t.dataSource.query("SELECT id, quote FROM claims WHERE quote LIKE '%1230 mines%' ORDER BY id");
    minesA = rows.find((r) => r.quote.includes('dans la ville'))!.id;
    minesB = rows.find((r) => r.quote.includes('bombes artisanales'))!.id;
  });
  afterAll(() => t.close());

  const panel = async (id: number) => (await t.http.get(`/claims/${id}`).set('Cookie', editor.cookie).expect(200)).text;
  const post = (path: string, fields: Record<string, string>) => t.http.post(path).set('Cookie', editor.cookie).type('form').send({ _csrf: editor.csrf, ...fields });

  it('flags the seeded 1,230-mines pair as likely duplicates on the panel, with the reasons', async () => {
    const html = await panel(minesA);
    expect(html).toContain('id="duplicates"');
    expect(html).toMatch(new RegExp(`Likely duplicate.*href="/claims/${minesB}"`, 's'));
    expect(html).toContain('same number: 1,230');
    // In French, the reasons the service writes in English are shown through the catalogue.
    const fr = (await t.http.get(`/claims/${minesA}`).set('Cookie', editor.cookie).set('Accept-Language', 'fr').expect(200)).text;
    expect(fr).toContain('même nombre\u00a0: 1,230');
    expect(fr).not.toContain('same number: 1,230');
  });

  it('shows similar claims right after logging a claim in another article, and links it as the same claim', async () => {
    const body = "Les démineurs syriens ont désamorcé 1 230 mines à Palmyre, selon le Centre russe.";
    const article = (await t.http.post('/api/articles').set('Authorization', editor.user.auth).send(articleInput({ title: 'Autre article', body })).expect(201)).body.id;
    const logged = await post(`/articles/${article}/claims`, {
      text: 'Syrian deminers defused 1 230 mines in Palmyra.',
      quote: 'Les démineurs syriens ont désamorcé 1 230 mines à Palmyre',
      kind: 'quantity',
      unattributed: 'true',
      action: 'save',
    });
    expect(logged.status).toBe(303);
    const id = Number(/\/claims\/(\d+)\?logged=1/.exec(logged.headers.location)![1]);
    const html = (await t.http.get(logged.headers.location).set('Cookie', editor.cookie).expect(200)).text;
    const best = Number(/href="\/claims\/(\d+)"/.exec(html.slice(html.indexOf('id="similar-h"')))![1]);
    expect([minesA, minesB]).toContain(best);

    const done = await post(`/claims/${id}/matches`, { otherClaimId: String(minesA), action: 'link' }).expect(303);
    expect(done.headers.location).toBe(`/claims/${id}?linked=1`);
    const after = (await t.http.get(done.headers.location).set('Cookie', editor.cookie).expect(200)).text;
    expect(after).toContain('Linked as the same claim.');
    expect(after).toContain('The same claim, everywhere (2)');
    expect(after).toContain('Autre article');
    expect(Number((await t.dataSource.query(`SELECT cluster_id FROM claim_cluster_members WHERE claim_id = ${id}`))[0].cluster_id)).toBeGreaterThan(0);
  });

  it('dismisses a match from the panel and refuses a bad one with the reason, storing nothing', async () => {
    const done = await post(`/claims/${minesA}/matches`, { otherClaimId: String(minesB), action: 'dismiss' }).expect(303);
    expect(done.headers.location).toBe(`/claims/${minesA}?dismissedMatch=1`);
    expect(await panel(minesA)).not.toContain('id="duplicates"');
    const bad = await post(`/claims/${minesA}/matches`, { otherClaimId: String(minesA), action: 'link' }).expect(422);
    expect(bad.text).toContain('is the claim itself');
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM claim_match_dismissals'))[0].n)).toBe(1);
  });

  it('shows "already checked elsewhere" from an imported ClaimReview file, with its rating and link', async () => {
    const out = new PassThrough();
    const err = new PassThrough();
    err.resume();
    out.resume();
    expect(await runCli(['factchecks:import', join(__dirname, '..', 'fixtures', 'claimreview-page.jsonld')], { stdin: Readable.from(['']), stdout: out, stderr: err })).toBe(0);
    const html = await panel(minesA);
    const external = html.slice(html.indexOf('id="external-h"'));
    expect(external).toContain('Already checked elsewhere (1)');
    expect(external).toContain('href="https://factcheck.example.org/palmyra-mines"');
    expect(external).toContain('Unproven');
    expect(external).toContain('Example Fact Check');
    expect(external).not.toContain('bread-prices');
  });
});

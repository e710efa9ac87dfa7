import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node-html-parser';
import { ArchiveService } from '../../src/archive/archive.service';
import { buildReportFixture, ReportFixture } from '../factories/report-fixture';
import { TestApp } from '../support/test-app';
import { webSession } from '../support/web-session';

const HOSTILE = 'Le centre a dit </script><script>alert(1)</script> \u2028 & <!-- fin';
const COMMENT = 'Internal note: ask the ministry again before Friday';

/** The public fact-check pages (/checks): no sign-in, published claims only. */
describe('Public fact-check pages', () => {
  let t: TestApp;
  let f: ReportFixture;
  let hostileId: number;
  let archivedLinkId: number;
  let server: Server;
  const saved = { ...process.env };

  beforeAll(async () => {
    // The evidence page the archiver captures, served on 127.0.0.1 by the spec itself.
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('UNESCO: site occupied from 21 May 2015.'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.ARCHIVE_ALLOW_PRIVATE = 'true';
    process.env.PUBLIC_URL = 'https://desk.example.org';
    process.env.REPORT_PUBLISHER_NAME = 'Example Fact Desk';
    delete process.env.REPORT_REVIEW_BASE_URL;
    t = await TestApp.start();
    f = await buildReportFixture(t);
    const as = (who: { auth: string }) => ({ Authorization: who.auth });
    // A published claim whose wording tries to break out of the JSON-LD, and a comment that must stay internal.
    const claim = (await t.http.get(`/api/claims/${f.claims.perle}`).set(as(f.desk)).expect(200)).body;
    await t.http.post(`/api/claims/${f.claims.perle}/comments`).set(as(f.rita)).send({ body: COMMENT }).expect(201);
    const version = claim.version;
    await t.http.post(`/api/claims/${f.claims.perle}/transitions`).set(as(f.rita)).send({ to: 'in_review', version, reason: 'Wording fix.' }).expect(200);
    // Its wording is frozen under review: the reviewer returns it to its editor, who rewords it and submits it again.
    const reopened = (await t.http.get(`/api/claims/${f.claims.perle}`).set(as(f.desk)).expect(200)).body;
    await t.http.post(`/api/claims/${f.claims.perle}/transitions`).set(as(f.rita)).send({ to: 'draft', version: reopened.version, reason: 'Reword it.' }).expect(200);
    const returned = (await t.http.get(`/api/claims/${f.claims.perle}`).set(as(f.desk)).expect(200)).body;
    const reworded = (await t.http.patch(`/api/claims/${f.claims.perle}`).set(as(f.desk)).send({ version: returned.version, text: HOSTILE }).expect(200)).body;
    await t.http.post(`/api/claims/${f.claims.perle}/transitions`).set(as(f.desk)).send({ to: 'submitted', version: reworded.version }).expect(200);
    const resubmitted = (await t.http.get(`/api/claims/${f.claims.perle}`).set(as(f.rita)).expect(200)).body;
    await t.http.post(`/api/claims/${f.claims.perle}/transitions`).set(as(f.rita)).send({ to: 'in_review', version: resubmitted.version }).expect(200);
    const port = (server.address() as AddressInfo).port;
    archivedLinkId = (
      await t.http
        .post(`/api/claims/${f.claims.perle}/evidence`)
        .set(as(f.rita))
        .send({ url: `http://127.0.0.1:${port}/unesco`, title: 'UNESCO statement', stance: 'supports' })
        .expect(201)
    ).body.id;
    await t.app.get(ArchiveService).runDue(new Date(), [archivedLinkId]); // only this link: the fixture's example.org links must not be fetched
    const edited = (await t.http.get(`/api/claims/${f.claims.perle}`).set(as(f.rita)).expect(200)).body;
    await t.http.post(`/api/claims/${f.claims.perle}/verdicts`).set(as(f.rita)).send({ rating: 'true', rationale: 'Still true.', version: edited.version }).expect(201);
    const proposed = (await t.http.get(`/api/claims/${f.claims.perle}`).set(as(f.victor)).expect(200)).body;
    await t.http.post(`/api/claims/${f.claims.perle}/transitions`).set(as(f.victor)).send({ to: 'published', version: proposed.version }).expect(200);
    hostileId = f.claims.perle;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
    process.env = saved;
  });

  const page = (path: string) => t.http.get(path).buffer(true);

  it('shows a published check without sign-in: quote, chain, rating, rationale, evidence, corrections with dates', async () => {
    const res = await page(`/checks/${f.claims.centre}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const root = parse(res.text);
    expect(root.querySelector('h1')!.text).toBe('Syrian sappers have neutralised 1,230 mines in Palmyra.');
    expect(root.querySelector('.rating')!.text).toContain('Mostly false');
    expect(root.querySelector('blockquote.quote')!.text.length).toBeGreaterThan(10);
    expect(root.querySelector('.rationale')!.innerHTML).toContain('<em>and</em>');
    expect(root.querySelectorAll('.evidence li').length).toBeGreaterThan(0);
    const corrections = root.querySelector('section[aria-labelledby="corrections-h"]')!.text;
    expect(corrections).toContain('2016-04-07 08:00 UTC');
    expect(corrections).toContain('Earlier rating: False');
    expect(root.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(`https://desk.example.org/checks/${f.claims.centre}`);
    expect(root.querySelector('meta[property="og:url"]')!.getAttribute('content')).toBe(`https://desk.example.org/checks/${f.claims.centre}`);
    expect(root.querySelector('meta[property="og:title"]')!.getAttribute('content')).toMatch(/^Mostly false: /);
    expect(root.querySelector('meta[name="twitter:card"]')!.getAttribute('content')).toBe('summary');
  });

  it('embeds ClaimReview JSON-LD that parses back whole, with the page URL, even with hostile text', async () => {
    const res = await page(`/checks/${hostileId}`).expect(200);
    const root = parse(res.text, { blockTextElements: { script: true } });
    const scripts = root.querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    expect(scripts[0].getAttribute('type')).toBe('application/ld+json');
    const review = JSON.parse(scripts[0].rawText);
    expect(review).toMatchObject({ '@type': 'ClaimReview', claimReviewed: HOSTILE, url: `https://desk.example.org/checks/${hostileId}` });
    expect(review.reviewRating.alternateName).toBe('True');
    expect(root.querySelector('h1')!.text).toBe(HOSTILE);
    expect(root.querySelector('body')!.querySelectorAll('script')).toHaveLength(0);
  });

  it('never shows drafts, in-review or proposed claims, unpublished verdicts, reviewer names or comments', async () => {
    for (const id of [f.claims.hostile, f.claims.inReview, f.claims.dismissed]) {
      const res = await page(`/checks/${id}`).expect(404);
      expect(res.text).not.toContain('ld+json');
    }
    const listing = (await page('/checks').expect(200)).text;
    const article = (await page(`/checks/articles/${f.articleId}`).expect(200)).text;
    const pages = [listing, article];
    for (const id of [f.claims.roudskoi, f.claims.centre, f.claims.veretennik, hostileId]) pages.push((await page(`/checks/${id}`).expect(200)).text);
    const drafts = (await t.http.get(`/api/articles/${f.articleId}/claims`).query({ status: 'draft', pageSize: 5 }).set('Authorization', f.desk.auth).expect(200)).body.items;
    for (const html of pages) {
      expect(html).not.toMatch(/\brita\b|\bvictor\b/);
      expect(html).not.toContain(COMMENT);
      expect(html).not.toContain('HYPERLINK'); // the proposed (unpublished) claim's wording
      for (const d of drafts) expect(html).not.toContain(`/checks/${d.id}"`);
    }
    const links = parse(listing).querySelectorAll('ul.checks a').map((a) => a.getAttribute('href'));
    expect(links.sort()).toEqual([f.claims.roudskoi, f.claims.centre, f.claims.veretennik, hostileId].map((id) => `/checks/${id}`).sort());
    await page(`/checks/articles/999999`).expect(404);
    await page('/checks/abc').expect(404);
  });

  it('speaks the reader’s language (Accept-Language): a check, the listing, an archived copy and the not-found page in French', async () => {
    const fr = (path: string) => t.http.get(path).set('Accept-Language', 'fr-FR,fr;q=0.9,en;q=0.5').buffer(true);
    const res = await fr(`/checks/${f.claims.centre}`).expect(200);
    expect(res.headers['vary']).toContain('Accept-Language');
    const root = parse(res.text);
    expect(root.querySelector('html')!.getAttribute('lang')).toBe('fr');
    expect(root.querySelector('.brand')!.text.trim()).toBe('Example Fact Desk\u00a0: vérifications');
    // The claim's wording and quote are user content: never translated.
    expect(root.querySelector('h1')!.text).toBe('Syrian sappers have neutralised 1,230 mines in Palmyra.');
    expect(root.querySelector('.rating')!.text).toMatch(/^\s*Notre verdict\u00a0: Plutôt faux \(2 sur une échelle de 1 à 5\), publié le/);
    expect(root.querySelector('#said-h')!.text).toBe('Ce qui a été dit');
    expect(root.querySelector('#evidence-h')!.text).toBe('Preuves');
    const corrections = root.querySelector('section[aria-labelledby="corrections-h"]')!.text;
    expect(corrections).toContain('Verdict précédent\u00a0: Faux');
    expect(corrections).toContain('7 avr. 2016, 08:00 UTC\u00a0: rouverte\u00a0: The survey counts');
    expect(corrections).not.toContain('Earlier rating');
    const listing = parse((await fr('/checks').expect(200)).text);
    expect(listing.querySelector('h1')!.text).toBe('Vérifications publiées');
    expect(listing.querySelector('p')!.text).toBe('4 affirmations vérifiées.');
    const archive = parse((await fr(`/checks/${hostileId}/evidence/${archivedLinkId}/archive`).expect(200)).text);
    expect(archive.querySelector('h1')!.text).toBe('Copie archivée\u00a0: UNESCO statement');
    const missing = parse((await fr('/checks/999999').expect(404)).text);
    expect(missing.querySelector('h1')!.text).toBe('Introuvable');
    // English stays the default, and the same URL's English page is cached apart from the French one.
    const english = await page(`/checks/${f.claims.centre}`).expect(200);
    expect(english.headers.etag).not.toBe(res.headers.etag);
  });

  it('indexes one article in article order, and lists every published check, paginated', async () => {
    const root = parse((await page(`/checks/articles/${f.articleId}`).expect(200)).text);
    expect(root.querySelector('h1')!.text).toContain("L'armée syrienne");
    expect(root.querySelectorAll('ul.checks li')).toHaveLength(4);
    const listing = parse((await page('/checks?page=7').expect(200)).text);
    expect(listing.querySelector('p')!.text).toContain('4 claims checked');
    expect(listing.querySelectorAll('ul.checks li')).toHaveLength(4);
  });

  it('sends an ETag and cache headers, and answers 304 when the page has not changed', async () => {
    const first = await page(`/checks/${f.claims.roudskoi}`).expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const again = await t.http.get(`/checks/${f.claims.roudskoi}`).set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    await t.http.get(`/checks/${f.claims.roudskoi}`).set('If-None-Match', '"stale"').expect(200);
  });

  it("shows the ClaimReview readiness check on the claim panel before publishing, saying what is missing", async () => {
    const session = await webSession(t, 'reviewer');
    const panel = parse((await t.http.get(`/claims/${f.claims.hostile}`).set('Cookie', session.cookie).expect(200)).text);
    const section = panel.querySelector('section[aria-labelledby="readiness-h"]')!;
    const items = section.querySelectorAll('ul.readiness li').map((li) => li.text);
    expect(items).toEqual([expect.stringMatching(/^Required claimReviewed: \d+ characters: keep it under 75$/)]);
    const ready = parse((await t.http.get(`/claims/${f.claims.veretennik}`).set('Cookie', session.cookie).expect(200)).text);
    expect(ready.querySelector('section[aria-labelledby="readiness-h"]')!.text).toContain(`/checks/${f.claims.veretennik}`);
  });

  it("links each archived evidence copy from the public page and serves its text there, and shows it on the claim panel", async () => {
    const root = parse((await page(`/checks/${hostileId}`).expect(200)).text);
    const link = root.querySelector(`#evidence-${archivedLinkId} a[href$="/archive"]`)!;
    expect(link.text).toBe('archived copy');
    const archive = parse((await page(link.getAttribute('href')!).expect(200)).text);
    expect(archive.querySelector('.archived-text')!.text).toBe('UNESCO: site occupied from 21 May 2015.');
    expect(archive.querySelector('dl.facts')!.text).toMatch(/[0-9a-f]{64}/);
    // Only for published claims' evidence.
    await page(`/checks/${f.claims.hostile}/evidence/${archivedLinkId}/archive`).expect(404);
    const session = await webSession(t, 'editor');
    const panel = parse((await t.http.get(`/claims/${hostileId}`).set('Cookie', session.cookie).expect(200)).text);
    expect(panel.querySelector('section[aria-labelledby="archives-h"]')!.text).toContain('archived copy');
  });
});

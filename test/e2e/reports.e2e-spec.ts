import Ajv2020 from 'ajv/dist/2020';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { parse, type HTMLElement } from 'node-html-parser';
import type { Response } from 'supertest';
import { runCli } from '../../src/cli/main';
import { ReportsService } from '../../src/reports/reports.service';
import {
  buildReportFixture,
  HOSTILE_EVIDENCE_TITLE,
  HOSTILE_WORDING,
  pinReportClock,
  REPORT_AUTHOR,
  REPORT_GENERATED_AT,
  ReportFixture,
} from '../factories/report-fixture';
import { expectGolden } from '../support/golden';
import { TestApp } from '../support/test-app';

const FORMATS = [
  { format: 'md', file: 'sample-report.md', type: 'text/markdown; charset=utf-8', download: 'article-1-report.md' },
  { format: 'html', file: 'sample-report.html', type: 'text/html; charset=utf-8', download: 'article-1-report.html' },
  { format: 'json', file: 'sample-report.json', type: 'application/json; charset=utf-8', download: 'article-1-report.json' },
  { format: 'csv', file: 'sample-report.csv', type: 'text/csv; charset=utf-8; header=present', download: 'article-1-report.csv' },
  { format: 'claimreview', file: 'sample-claimreview.jsonld', type: 'application/ld+json; charset=utf-8', download: 'article-1-claimreview.jsonld' },
] as const;

const ROUDSKOI_WORDING = 'Russian sappers are equipped with electromagnetic mine detectors, detectors for detonator command wires and influence-mine detectors.';
const PUBLISHER = { name: 'Example Fact Desk', url: 'https://example.org/desk', reviews: 'https://example.org/fact-checks' };

/** The response body as bytes, whatever its content type. */
function bytes(request: ReturnType<TestApp['http']['get']>): Promise<Response & { body: Buffer }> {
  return request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  }) as unknown as Promise<Response & { body: Buffer }>;
}

/** A small RFC 4180 reader, enough to check what a spreadsheet would see in each cell. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

describe('Sourced reports', () => {
  let t: TestApp;
  let f: ReportFixture;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.REPORT_PUBLISHER_NAME = PUBLISHER.name;
    process.env.REPORT_PUBLISHER_URL = PUBLISHER.url;
    process.env.REPORT_REVIEW_BASE_URL = PUBLISHER.reviews;
    t = await TestApp.start();
    f = await buildReportFixture(t);
    pinReportClock(t);
  });
  afterAll(async () => {
    await t.close();
    process.env = saved;
  });

  const get = (path: string, query: Record<string, string | number | boolean> = {}) =>
    bytes(t.http.get(path).query(query).set('Authorization', f.desk.auth));

  describe.each(FORMATS)('as $format', ({ format, file, type, download }) => {
    it('matches the golden file, with its content type and download name', async () => {
      const response = await get(`/api/articles/${f.articleId}/report`, { format });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe(type);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="${download}"`);
      expectGolden(file, response.body);
    });

    it('is the same bytes from the command line as over HTTP', async () => {
      const http = await get(`/api/articles/${f.articleId}/report`, { format });
      const out = join(mkdtempSync(join(tmpdir(), 'claimtrail-report-')), `report.${format}`);
      const stderr = new PassThrough();
      const code = await runCli(
        ['report', '--article', String(f.articleId), '--format', format, '--out', out, '--by', REPORT_AUTHOR, '--generated-at', REPORT_GENERATED_AT],
        { stdin: Readable.from([]), stdout: new PassThrough(), stderr },
      );
      expect(code).toBe(0);
      expect(readFileSync(out).equals(http.body)).toBe(true);
    });
  });

  it('writes to standard output when there is no --out', async () => {
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (c) => (printed += c));
    const code = await runCli(['report', '--article', String(f.articleId), '--by', REPORT_AUTHOR, '--generated-at', REPORT_GENERATED_AT], {
      stdin: Readable.from([]),
      stdout,
      stderr: new PassThrough(),
    });
    expect(code).toBe(0);
    expect(printed).toBe(readFileSync(join(__dirname, '..', 'golden', 'sample-report.md'), 'utf8'));
  });

  it('gives one CSV row per attribution link on request', async () => {
    const response = await get(`/api/articles/${f.articleId}/report`, { format: 'csv', rows: 'links' });
    expectGolden('sample-report.links.csv', response.body);
    const rows = readCsv(response.body.toString('utf8').replace(/^\uFEFF/, ''));
    const roudskoi = rows.filter((r) => r[1] === String(f.claims.roudskoi));
    expect(roudskoi.map((r) => [r[2], r[3], r[5]])).toEqual([
      ['0', 'speaker', 'Sergueï Roudskoï'],
      ['1', 'relay', 'Sputnik'],
    ]);
  });

  it('renders the same bytes when claims are read in small pages', async () => {
    const service = t.app.get(ReportsService);
    const whole = await get(`/api/articles/${f.articleId}/report`, { format: 'json' });
    service.pageSize = 3;
    try {
      const paged = await get(`/api/articles/${f.articleId}/report`, { format: 'json' });
      expect(paged.body.equals(whole.body)).toBe(true);
    } finally {
      service.pageSize = 100;
    }
  });

  it('keeps the reference list on disk only while the report streams, and removes it when the reader stops early', async () => {
    const service = t.app.get(ReportsService);
    const spools = mkdtempSync(join(tmpdir(), 'claimtrail-spools-'));
    service.spoolDirectory = spools;
    service.pageSize = 2;
    try {
      const whole = await get(`/api/articles/${f.articleId}/report`, { format: 'md' });
      expect(whole.body.toString('utf8')).toBe(readFileSync(join(__dirname, '..', 'golden', 'sample-report.md'), 'utf8'));
      expect(readdirSync(spools)).toEqual([]);

      const report = await service.open({ articleId: f.articleId, filters: {}, format: 'md', publishedOnly: false }, { generatedBy: REPORT_AUTHOR });
      const chunks = report.stream[Symbol.asyncIterator]();
      await chunks.next(); // the head
      await chunks.next(); // the first page of claims: the spool is open
      expect(readdirSync(spools)).toHaveLength(1);
      await chunks.return!(undefined); // the reader goes away
      for (let i = 0; i < 500 && readdirSync(spools).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(readdirSync(spools)).toEqual([]);
    } finally {
      service.spoolDirectory = tmpdir();
      service.pageSize = 100;
    }
  });

  describe('content', () => {
    let report: {
      schemaVersion: string;
      generatedAt: string;
      generatedBy: string;
      articles: { id: number; title: string; outlet: { name: string }; url: string; language: string; publishedDate: string; bodySha256: string }[];
      summary: {
        claims: number;
        byStatus: { status: string; count: number }[];
        byRating: { rating: string; count: number }[];
        sources: { name: string; asSpeaker: number; asRelay: number }[];
        unattributed: number;
        unattributedShare: number;
        corrections: { claimId: number; reason: string }[];
      };
      claims: {
        id: number;
        start: number;
        status: string;
        published: boolean;
        chainText: string;
        verdict: { rating: string; reviewer: string; publishedBy: string | null } | null;
        earlierVerdicts: { rating: string }[];
        corrections: { reason: string }[];
        evidence: { ref: number; url: string }[];
      }[];
      references: { ref: number; claimId: number; url: string; title: string; publisher: string | null; stance: string; accessedDate: string | null }[];
    };

    beforeAll(async () => {
      report = JSON.parse((await get(`/api/articles/${f.articleId}/report`, { format: 'json' })).body.toString('utf8'));
    });

    it('states the article, the schema version, and when and by whom it was made', async () => {
      // Query builder, not raw '?' placeholders: the suite also runs on PostgreSQL ($1).
      const stored: { body_sha256: string }[] = await t.dataSource
        .createQueryBuilder()
        .select('a.body_sha256', 'body_sha256')
        .from('articles', 'a')
        .where('a.id = :id', { id: f.articleId })
        .getRawMany();
      expect(report.schemaVersion).toBe('1.1.0');
      expect(report.generatedAt).toBe(REPORT_GENERATED_AT);
      expect(report.generatedBy).toBe(REPORT_AUTHOR);
      expect(report.articles).toEqual([
        expect.objectContaining({
          id: f.articleId,
          outlet: expect.objectContaining({ name: "Le Quotidien d'exemple" }),
          url: 'https://example.org/2016/04/03/palmyre-al-qaryatayn',
          language: 'fr',
          publishedDate: '2016-04-03',
          bodySha256: stored[0].body_sha256,
        }),
      ]);
    });

    it('follows the JSON Schema served by the API', async () => {
      const schema = await t.http.get('/api/reports/schema.json').set('Authorization', f.desk.auth).expect(200);
      expect(schema.body.properties.schemaVersion).toEqual({ const: report.schemaVersion });
      const validate = new Ajv2020({ allErrors: true }).compile(schema.body);
      expect(validate(report) ? [] : validate.errors).toEqual([]);
    });

    it('summarises claims by status and rating, per source, unattributed share and corrections', async () => {
      const total = await t.count('claims');
      expect(report.summary.claims).toBe(total);
      expect(report.summary.byStatus.find((s) => s.status === 'published')?.count).toBe(4);
      expect(report.summary.byRating.find((r) => r.rating === 'mostly_true')?.count).toBe(2);
      expect(report.summary.byRating.find((r) => r.rating === 'unrated')?.count).toBe(total - 5);
      expect(report.summary.sources).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Sputnik', asSpeaker: 1, asRelay: 1 }),
          expect.objectContaining({ name: 'Sergueï Roudskoï', asSpeaker: 2, asRelay: 0 }),
        ]),
      );
      const { n } = (await t.dataSource
        .createQueryBuilder()
        .select('COUNT(*)', 'n')
        .from('claims', 'c')
        .where('c.unattributed = :unattributed', { unattributed: true })
        .getRawOne<{ n: string | number }>())!;
      expect(report.summary.unattributed).toBe(Number(n));
      expect(report.summary.unattributedShare).toBeCloseTo(Number(n) / total, 4);
      expect(report.summary.corrections).toEqual([expect.objectContaining({ claimId: f.claims.centre, reason: expect.stringMatching(/outside the town/) })]);
    });

    it('lists every claim in article order with its chain, verdicts and numbered evidence', () => {
      const starts = report.claims.map((c) => c.start);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      const roudskoi = report.claims.find((c) => c.id === f.claims.roudskoi)!;
      expect(roudskoi.chainText).toBe("Sergueï Roudskoï (chef du département Opérations de l'état-major général russe) → Sputnik → this article");
      expect(roudskoi.verdict).toMatchObject({ rating: 'mostly_true', reviewer: 'rita', publishedBy: 'victor' });
      const centre = report.claims.find((c) => c.id === f.claims.centre)!;
      expect(centre.verdict?.rating).toBe('mostly_false');
      expect(centre.earlierVerdicts.map((v) => v.rating)).toEqual(['false']);
      expect(centre.corrections).toHaveLength(1);
      const refs = report.claims.flatMap((c) => c.evidence.map((e) => e.ref));
      expect(refs).toEqual(report.references.map((r) => r.ref));
      expect(refs).toEqual(refs.map((_, i) => i + 1));
      expect(report.references[0]).toMatchObject({ claimId: expect.any(Number), url: expect.stringMatching(/^https:/), stance: expect.any(String) });
    });

    it('labels unpublished claims, and --published-only leaves them out', async () => {
      expect(report.claims.filter((c) => !c.published).every((c) => c.status !== 'published')).toBe(true);
      const md = (await get(`/api/articles/${f.articleId}/report`, { format: 'md' })).body.toString('utf8');
      expect(md).toContain(`### Claim ${f.claims.hostile} · UNPUBLISHED (verdict proposed)`);
      const only = JSON.parse((await get(`/api/articles/${f.articleId}/report`, { format: 'json', publishedOnly: true })).body.toString('utf8'));
      expect(only.publishedOnly).toBe(true);
      expect(only.claims.map((c: { id: number }) => c.id).sort()).toEqual([f.claims.roudskoi, f.claims.centre, f.claims.perle, f.claims.veretennik].sort());
      expect(only.summary.claims).toBe(4);
      const onlyMd = (await get(`/api/articles/${f.articleId}/report`, { format: 'md', publishedOnly: true })).body.toString('utf8');
      expect(onlyMd).not.toContain('UNPUBLISHED');
    });
  });

  describe('structure', () => {
    /** Heading levels in document order: each at most one deeper than the one before (WCAG 1.3.1). */
    const skipped = (levels: number[]) => levels.filter((level, i) => level > (i === 0 ? 1 : levels[i - 1] + 1));
    const htmlLevels = (html: string) => parse(html).querySelectorAll('h1, h2, h3, h4, h5, h6').map((h) => Number(h.tagName[1]));
    const mdLevels = (md: string) => (md.match(/^#+ /gm) ?? []).map((h) => h.length - 1);

    it.each([
      ['one article', `/api/articles/1/report`, {}],
      ['claims across articles', '/api/reports', { status: 'published' }],
    ])('skips no heading level in HTML and Markdown (%s)', async (_label, path, query) => {
      const url = path.replace('/1/', `/${f.articleId}/`);
      const html = (await get(url, { ...query, format: 'html' })).body.toString('utf8');
      const md = (await get(url, { ...query, format: 'md' })).body.toString('utf8');
      expect(htmlLevels(html).length).toBeGreaterThan(4);
      expect(skipped(htmlLevels(html))).toEqual([]);
      expect(mdLevels(md).length).toBeGreaterThan(4);
      expect(skipped(mdLevels(md))).toEqual([]);
    });

    it('puts the HTML report in one main landmark, after its header', async () => {
      const root = parse((await get(`/api/articles/${f.articleId}/report`, { format: 'html' })).body.toString('utf8'));
      expect(root.querySelectorAll('main')).toHaveLength(1);
      expect(root.querySelector('main')!.querySelectorAll('#summary, #claims, #references')).toHaveLength(3);
      expect(root.querySelector('main')!.querySelector('h1')).toBeNull();
    });
  });

  describe('HTML', () => {
    let root: HTMLElement;
    let html: string;

    beforeAll(async () => {
      html = (await get(`/api/articles/${f.articleId}/report`, { format: 'html' })).body.toString('utf8');
      root = parse(html);
    });

    it('has no script and loads nothing from outside the file', () => {
      expect(root.querySelectorAll('script')).toHaveLength(0);
      expect(root.querySelectorAll('img, iframe, object, embed, link, video, audio, source, base, form')).toHaveLength(0);
      for (const el of root.querySelectorAll('*')) {
        expect(el.getAttribute('src')).toBeUndefined();
        for (const name of Object.keys(el.attributes)) expect(name.toLowerCase()).not.toMatch(/^on/);
        if (el.tagName !== 'A') expect(el.getAttribute('href')).toBeUndefined();
      }
      expect(root.querySelector('style')!.text).not.toMatch(/url\(|@import/);
      expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    });

    it('links only within the file or to http(s) evidence and article addresses', () => {
      const hrefs = root.querySelectorAll('a').map((a) => a.getAttribute('href')!);
      expect(hrefs.every((h) => h.startsWith('#') || /^https?:\/\//.test(h))).toBe(true);
      expect(hrefs).toEqual(expect.arrayContaining(['https://example.org/mod/2016-04-02-briefing', 'https://example.org/2016/04/03/palmyre-al-qaryatayn']));
      for (const h of hrefs.filter((x) => x.startsWith('#'))) expect(root.querySelector(h)).not.toBeNull();
    });

    it('keeps what users typed as text', () => {
      const claim = root.querySelector(`#claim-${f.claims.hostile}`)!;
      expect(claim.text).toContain(HOSTILE_WORDING);
      expect(root.querySelector('#references')!.text).toContain(HOSTILE_EVIDENCE_TITLE);
      const rationale = claim.querySelector('.rationale')!;
      expect(rationale.querySelector('strong')!.text).toBe('checked');
      // The image becomes a plain link to it: nothing is loaded, and javascript: stays text.
      expect(rationale.querySelectorAll('img')).toHaveLength(0);
      expect(rationale.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['https://example.org/survey', 'https://tracker.example/p.png']);
      expect(rationale.text).toContain('<script>alert("rationale")</script>');
      expect(rationale.text).toContain('[a trap](javascript:alert(1))');
    });

    it('shows the article text with every claim highlighted and linked', () => {
      const text = root.querySelector('.article-text')!;
      expect(text.getAttribute('lang')).toBe('fr');
      expect(text.querySelectorAll('mark').length).toBeGreaterThan(0);
      const linked = new Set(text.querySelectorAll('sup.claim-ref a').map((a) => a.getAttribute('href')));
      expect([...linked].sort()).toEqual(root.querySelectorAll('article.claim').map((a) => `#${a.id}`).sort());
    });

    it('is print-ready and fits a phone', () => {
      expect(root.querySelector('meta[name="viewport"]')).not.toBeNull();
      expect(html).toMatch(/@media print\{[^]*a\[href\^="http"\]::after\{content:" <" attr\(href\) ">"/);
      expect(html).toMatch(/break-before:page/);
    });
  });

  describe('CSV', () => {
    it('neutralises cells a spreadsheet would run as formulas, and is RFC 4180 with a BOM', async () => {
      const text = (await get(`/api/articles/${f.articleId}/report`, { format: 'csv' })).body.toString('utf8');
      expect(text.startsWith('\uFEFFarticle_id,claim_id,')).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      const rows = readCsv(text.slice(1));
      const header = rows[0];
      const hostile = rows.find((r) => r[1] === String(f.claims.hostile))!;
      expect(hostile[header.indexOf('wording')]).toBe(`'${HOSTILE_WORDING}`);
      expect(rows.length - 1).toBe(await t.count('claims'));
      for (const row of rows.slice(1)) {
        expect(row).toHaveLength(header.length);
        for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    });
  });

  describe('ClaimReview', () => {
    type Review = Record<string, any>;
    let reviews: Review[];
    const review = (claimId: number) => reviews.find((r) => r.url === `${PUBLISHER.reviews}/${claimId}`)!;

    beforeAll(async () => {
      reviews = JSON.parse((await get(`/api/articles/${f.articleId}/report`, { format: 'claimreview' })).body.toString('utf8'));
    });

    it('prints the ClaimReview readiness warnings on standard error from the command line, the markup unchanged', async () => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let printed = '';
      let warned = '';
      stdout.on('data', (c) => (printed += c));
      stderr.on('data', (c) => (warned += c));
      const code = await runCli(['report', '--article', String(f.articleId), '--format', 'claimreview', '--generated-at', REPORT_GENERATED_AT], { stdin: Readable.from([]), stdout, stderr });
      expect(code).toBe(0);
      expect(JSON.parse(printed)).toEqual(reviews);
      expect(warned.split('\n')).toContain(
        `Warning: claim ${f.claims.roudskoi}: ClaimReview required claimReviewed: ${ROUDSKOI_WORDING.length} characters: keep it under 75`,
      );
      expect(warned).not.toContain(`claim ${f.claims.hostile}:`); // not published: not in the markup
    });

    it('has one ClaimReview per published verdict, none for unpublished claims', () => {
      expect(reviews.map((r) => r.url)).toEqual([f.claims.centre, f.claims.veretennik, f.claims.roudskoi, f.claims.perle].map((id) => `${PUBLISHER.reviews}/${id}`));
      expect(reviews.every((r) => r['@context'] === 'https://schema.org' && r['@type'] === 'ClaimReview')).toBe(true);
    });

    it('describes a rated claim by a person, field by field', () => {
      const r = review(f.claims.roudskoi);
      expect(r.claimReviewed).toBe(ROUDSKOI_WORDING);
      expect(r.datePublished).toBe('2016-04-06');
      expect(r.author).toEqual({ '@type': 'Organization', name: PUBLISHER.name, url: PUBLISHER.url });
      expect(r.reviewRating).toEqual({ '@type': 'Rating', ratingValue: 4, bestRating: 5, worstRating: 1, alternateName: 'Mostly true' });
      expect(r.itemReviewed).toEqual({
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Sergueï Roudskoï', jobTitle: "chef du département Opérations de l'état-major général russe" },
        datePublished: '2016-04-03',
        appearance: {
          '@type': 'NewsArticle',
          url: 'https://example.org/2016/04/03/palmyre-al-qaryatayn',
          headline: "L'armée syrienne continue d'enregistrer des succès contre Daech",
          inLanguage: 'fr',
          datePublished: '2016-04-03',
          publisher: { '@type': 'Organization', name: "Le Quotidien d'exemple" },
        },
      });
    });

    it('uses the current verdict after a correction, an organisation as author, and alternateName alone off the scale', () => {
      const centre = review(f.claims.centre);
      expect(centre.datePublished).toBe('2016-04-07');
      expect(centre.reviewRating).toEqual({ '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Mostly false' });
      expect(centre.itemReviewed.author).toEqual({ '@type': 'Organization', name: 'Centre pour la réconciliation des parties en conflit en Syrie' });
      expect(review(f.claims.veretennik).reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Unverifiable' });
      expect(review(f.claims.perle).itemReviewed.author).toEqual({ '@type': 'Organization', name: "Le Quotidien d'exemple" });
    });
  });

  describe('across articles', () => {
    it('applies the claim-list filters and states them', async () => {
      const relay = JSON.parse((await get('/api/reports', { format: 'json', sourceId: await sourceId('Sputnik'), sourceRole: 'relay' })).body.toString('utf8'));
      expect(relay.scope).toBe('claims');
      expect(relay.filters).toEqual({ sourceId: await sourceId('Sputnik'), sourceRole: 'relay' });
      expect(relay.claims.map((c: { id: number }) => c.id)).toEqual([f.claims.roudskoi]);
      const published = await get('/api/reports', { format: 'md', status: 'published,verdict_proposed' });
      expect(published.headers['content-disposition']).toBe('attachment; filename="claims-report.md"');
      expect(published.body.toString('utf8')).toContain('Claims selected by: status: published, verdict\\_proposed.');
      expect(published.body.toString('utf8').match(/^#### Claim /gm)).toHaveLength(5);
    });

    it('groups claims by article when several articles match', async () => {
      const other = await t.http
        .post('/api/articles')
        .set('Authorization', f.desk.auth)
        .send({ title: 'Deuxième article', language: 'fr', body: 'Les sapeurs russes sont arrivés à Palmyre.' })
        .expect(201);
      await t.http
        .post(`/api/articles/${other.body.id}/claims`)
        .set('Authorization', f.desk.auth)
        .send({ text: 'Russian sappers arrived in Palmyra.', quote: 'Les sapeurs russes sont arrivés à Palmyre', kind: 'event', unattributed: true })
        .expect(201);
      const md = (await get('/api/reports', { format: 'md', q: 'sapeurs' })).body.toString('utf8');
      expect(md).toContain(`### Article ${f.articleId}: `);
      expect(md).toContain(`### Article ${other.body.id}: Deuxième article`);
      expect(md.indexOf(`### Article ${f.articleId}: `)).toBeLessThan(md.indexOf(`### Article ${other.body.id}: `));
    });

    async function sourceId(name: string): Promise<number> {
      const list = await t.http.get('/api/sources').query({ q: name }).set('Authorization', f.desk.auth).expect(200);
      return list.body.items.find((s: { name: string }) => s.name === name).id;
    }
  });

  it('answers 404 for an unknown article and 400 for an unknown format, before sending anything', async () => {
    const missing = await t.http.get('/api/articles/9999/report').set('Authorization', f.desk.auth).expect(404);
    expect(missing.body.message).toMatch(/9999/);
    const bad = await t.http.get(`/api/articles/${f.articleId}/report`).query({ format: 'pdf' }).set('Authorization', f.desk.auth).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
    await t.http.get(`/api/articles/${f.articleId}/report`).expect(401);
  });
});

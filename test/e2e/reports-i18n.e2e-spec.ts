import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Response } from 'supertest';
import { runCli } from '../../src/cli/main';
import { buildReportFixture, pinReportClock, REPORT_AUTHOR, REPORT_GENERATED_AT, ReportFixture } from '../factories/report-fixture';
import { expectGolden } from '../support/golden';
import { TestApp } from '../support/test-app';

/**
 * Reports in French (issue 16): `?lang=fr` (and `--lang fr` on the CLI) translates the human labels
 * of Markdown and HTML reports; the English goldens are in reports.e2e-spec.ts. JSON, CSV and
 * ClaimReview stay machine-stable, whatever the language. User content is never translated.
 */
describe('Sourced reports in French', () => {
  let t: TestApp;
  let f: ReportFixture;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.REPORT_PUBLISHER_NAME = 'Example Fact Desk';
    process.env.REPORT_PUBLISHER_URL = 'https://example.org/desk';
    process.env.REPORT_REVIEW_BASE_URL = 'https://example.org/fact-checks';
    t = await TestApp.start();
    f = await buildReportFixture(t);
    pinReportClock(t);
  });
  afterAll(async () => {
    await t.close();
    process.env = saved;
  });

  const get = (query: Record<string, string>) =>
    t.http
      .get(`/api/articles/${f.articleId}/report`)
      .query(query)
      .set('Authorization', f.desk.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }) as unknown as Promise<Response & { body: Buffer }>;

  it.each([
    ['md', 'sample-report.fr.md'],
    ['html', 'sample-report.fr.html'],
  ])('writes the %s report’s labels in French (golden file), the article’s words and the desk’s as they are', async (format, file) => {
    const response = await get({ format, lang: 'fr' });
    expect(response.status).toBe(200);
    expectGolden(file, response.body);
    const text = response.body.toString('utf8');
    expect(text).toContain('Rapport sourcé');
    expect(text).toContain('Synthèse');
    expect(text).toContain('Sergueï Roudskoï');
    expect(text).not.toMatch(/\bSummary\b|\bReferences\b|\bnone yet\b/);
    if (format === 'html') expect(text).toContain('<html lang="fr">');
  });

  it('states a cross-article report’s filters in French (Markdown and HTML), and in English as before', async () => {
    const across = (query: Record<string, string>) => t.http.get('/api/reports').query(query).set('Authorization', f.desk.auth).expect(200);
    const filters = { status: 'published,verdict_proposed', kind: 'event', sourceRole: 'relay', sourceId: '1', unattributed: 'false', q: 'Palmyre' };
    const md = (await across({ format: 'md', lang: 'fr', ...filters })).text;
    expect(md).toContain(
      'Affirmations choisies selon\u00a0: statut\u00a0: publiée, verdict proposé\u00a0; type\u00a0: fait\u00a0; source 1 comme relais\u00a0; seulement les affirmations attribuées\u00a0; le texte contient «\u00a0Palmyre\u00a0».',
    );
    const html = (await across({ format: 'html', lang: 'fr', status: 'published' })).text;
    expect(html).toContain('<p>Affirmations choisies selon\u00a0: statut\u00a0: publiée.</p>');
    const english = (await across({ format: 'md', ...filters })).text;
    expect(english).toContain('Claims selected by: status: published, verdict\\_proposed; kind: event; source 1 as relay; only attributed claims; text contains "Palmyre".');
  });

  it('is the same French report from the command line with --lang fr', async () => {
    const http = await get({ format: 'md', lang: 'fr' });
    const out = join(mkdtempSync(join(tmpdir(), 'claimtrail-report-fr-')), 'report.md');
    const code = await runCli(['report', '--article', String(f.articleId), '--lang', 'fr', '--out', out, '--by', REPORT_AUTHOR, '--generated-at', REPORT_GENERATED_AT], {
      stdin: Readable.from([]),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
    });
    expect(code).toBe(0);
    expect(readFileSync(out).equals(http.body)).toBe(true);
  });

  it('refuses a language it does not offer, on the API (400 naming lang) and on the CLI', async () => {
    const refused = await t.http.get(`/api/articles/${f.articleId}/report`).query({ lang: 'de' }).set('Authorization', f.desk.auth).expect(400);
    expect(refused.body.code).toBe('validation_failed');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['lang']);
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (c) => (said += c));
    const code = await runCli(['report', '--article', String(f.articleId), '--lang', 'de'], { stdin: Readable.from([]), stdout: new PassThrough(), stderr });
    expect(code).not.toBe(0);
    expect(said).toContain('--lang must be one of en, fr');
  });

  it.each(['json', 'csv', 'claimreview'])('keeps the %s report byte for byte the same in French (keys and values are for machines)', async (format) => {
    const english = await get({ format });
    const french = await get({ format, lang: 'fr' });
    expect(french.status).toBe(200);
    expect(french.body.equals(english.body)).toBe(true);
  });
});

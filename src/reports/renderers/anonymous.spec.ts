import Ajv2020 from 'ajv/dist/2020';
import schema from '../report.schema.json';
import { chainText, renderReport, REPORT_SCHEMA_VERSION, type ReportClaim, type ReportLink, type ReportModel } from '../report.model';
import { rendererFor } from './index';

/** A claim whose original speaker the article does not name ("une source militaire"), relayed by Sputnik. */
const chain: ReportLink[] = [
  { position: 0, source: null, anonymous: { description: 'une source <militaire>' }, verb: 'a indiqué', mode: 'paraphrase', saidWhen: null, saidWhere: null },
  { position: 1, source: { id: 3, name: 'Sputnik', kind: 'news_agency', description: null }, verb: 'selon', mode: 'paraphrase', saidWhen: null, saidWhere: null },
];

const claim: ReportClaim = {
  id: 7,
  articleId: 1,
  start: 0,
  end: 2,
  quote: 'Un',
  text: 'One.',
  kind: 'event',
  status: 'published',
  published: true,
  unattributed: false,
  chain,
  chainText: chainText(chain),
  verdict: {
    id: 1,
    rating: 'false',
    ratingLabel: 'False',
    ratingValue: 1,
    rationale: 'Because.',
    reviewer: 'rita',
    createdAt: '2016-04-05T09:00:00.000Z',
    publishedAt: '2016-04-06T09:00:00.000Z',
    publishedBy: 'victor',
  },
  earlierVerdicts: [],
  corrections: [],
  evidence: [],
};

const model: ReportModel = {
  head: {
    schemaVersion: REPORT_SCHEMA_VERSION,
    scope: 'article',
    filters: { articleId: 1 },
    publishedOnly: false,
    generatedAt: '2016-04-10T12:00:00.000Z',
    generatedBy: 'desk',
    publisher: { name: 'Desk', url: null, reviewBaseUrl: 'https://example.org/checks' },
    articles: [{ id: 1, title: 'Titre', outlet: null, url: null, language: 'fr', publishedDate: null, bodySha256: 'a'.repeat(64), body: 'Un deux trois.' }],
    highlights: [],
    summary: { claims: 1, byStatus: [], byRating: [], sources: [], unattributed: 0, unattributedShare: 0, corrections: [] },
  },
  claims: [claim],
};

describe('report renderers: anonymous attribution links', () => {
  it('write the chain with the anonymous source described, in Markdown and HTML (escaped)', () => {
    expect(claim.chainText).toBe('anonymous: une source <militaire> → Sputnik → this article');
    const md = renderReport(rendererFor('md'), model);
    expect(md).toContain('speaker anonymous: une source \\<militaire\\>');
    const html = renderReport(rendererFor('html'), model);
    expect(html).toContain('speaker anonymous: une source &lt;militaire&gt;');
    expect(html).not.toContain('<militaire>');
  });

  it('write JSON that follows the published schema: source null, anonymous with its description', () => {
    const parsed = JSON.parse(renderReport(rendererFor('json'), model));
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(parsed) ? [] : validate.errors).toEqual([]);
    const links = JSON.stringify(parsed);
    expect(links).toContain('"source":null');
    expect(links).toContain('"anonymous":{"description":"une source <militaire>"}');
  });

  it('write CSV rows naming the anonymous speaker, per claim and per link', () => {
    expect(renderReport(rendererFor('csv'), model)).toContain('anonymous: une source <militaire>');
    const links = renderReport(rendererFor('csv', { rows: 'links' }), model).split('\r\n');
    expect(links[1]).toContain(',0,speaker,,anonymous: une source <militaire>,,une source <militaire>,a indiqué,');
  });

  it('leave the ClaimReview author out rather than name an anonymous speaker', () => {
    const [review] = JSON.parse(renderReport(rendererFor('claimreview'), model));
    expect(review.itemReviewed).not.toHaveProperty('author');
    expect(JSON.stringify(review)).not.toContain('militaire');
  });
});

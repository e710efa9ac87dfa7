import { SAMPLE_CLAIMS } from '../../src/seed/sample-article';
import { SeedService } from '../../src/seed/seed.service';
import { SignedIn, TestApp } from '../support/test-app';

interface ChainLink {
  position: number;
  source: { name: string; kind: string };
  verb: string;
  mode: string;
  saidWhen: string | null;
  saidWhere: string | null;
}
interface ClaimItem {
  quote: string;
  start: number;
  end: number;
  unattributed: boolean;
  attributions: ChainLink[];
}

describe('The sample article seed', () => {
  let t: TestApp;
  let reader: SignedIn;
  let articleId: number;
  let claims: ClaimItem[];
  let body: string;

  beforeAll(async () => {
    t = await TestApp.start();
    reader = await t.signIn('reviewer');
    const report = await t.app.get(SeedService).seedSample();
    articleId = report.articleId;
    body = (await t.http.get(`/api/articles/${articleId}`).set('Authorization', reader.auth).expect(200)).body.body;
    claims = (await t.http.get(`/api/articles/${articleId}/claims`).query({ pageSize: 200 }).set('Authorization', reader.auth).expect(200)).body
      .items;
  });
  afterAll(() => t.close());

  const chainOf = (fragment: string) => {
    const claim = claims.find((c) => c.quote.includes(fragment));
    if (!claim) throw new Error(`no seeded claim quotes "${fragment}"`);
    return claim.attributions.map((a) => [a.source.name, a.verb, a.mode, a.saidWhen, a.saidWhere]);
  };

  it('loads the article verbatim: the same bytes as the shared seed text', async () => {
    // SHA-256 of ../shared/seed/article-fr.txt, the customer's copy of the article.
    const article = await t.http.get(`/api/articles/${articleId}`).set('Authorization', reader.auth).expect(200);
    expect(article.body.bodySha256).toBe('b9970ccd88de83ce4fc468a9434c4a3d870e5ce01601575be958951b3d9bb498');
    expect(body).toContain('«perle»');
  });

  it('loads every claim, in article order, each quote exactly the text at its offsets', () => {
    expect(claims).toHaveLength(SAMPLE_CLAIMS.length);
    for (const claim of claims) expect(body.slice(claim.start, claim.end)).toBe(claim.quote);
    const starts = claims.map((c) => c.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('attributes claims to the channels, the agency, the Centre and the officers as the article states', () => {
    expect(chainOf("contraint les terroristes de Daech à quitter le nord d'Al-Qaraytayn")).toEqual([['INN Lebanon', "d'après", 'paraphrase', null, null]]);
    expect(chainOf('les terroristes ont quitté des points hauts')).toEqual([['Al Mayadeen', 'a rapporté', 'paraphrase', null, null]]);
    expect(chainOf('poursuit le déminage des ouvrages et terrains près de Palmyre')).toEqual([['Sputnik', 'écrit', 'paraphrase', null, null]]);
    expect(chainOf('ont neutralisé 1230 mines dans la ville de Palmyre')).toEqual([
      ['Centre pour la réconciliation des parties en conflit en Syrie', 'a indiqué', 'paraphrase', 'samedi', null],
    ]);
    expect(chainOf('déjà neutralisé 1230 mines et bombes artisanales')).toEqual([
      ['Centre pour la réconciliation des parties en conflit en Syrie', 'a indiqué', 'direct', null, 'sur son site officiel'],
    ]);
    expect(chainOf('les sapeurs russes étaient en route vers Palmyre')).toEqual([['Dmitri Veretennik', 'a indiqué', 'paraphrase', 'samedi', null]]);
    expect(chainOf('détecteurs électromagnétiques de mines')).toEqual([["Sergueï Roudskoï", "D'après", 'paraphrase', null, null]]);
  });

  it('marks the claims the article makes in its own voice as unattributed, with an empty chain', () => {
    const own = claims.filter((c) => c.unattributed);
    expect(own.length).toBe(SAMPLE_CLAIMS.filter((c) => c.attributions.length === 0).length);
    expect(own.length).toBeGreaterThan(10);
    expect(own.every((c) => c.attributions.length === 0)).toBe(true);
    expect(claims.filter((c) => !c.unattributed).every((c) => c.attributions.length > 0)).toBe(true);
    expect(own.map((c) => c.quote)).toContainEqual(expect.stringContaining('a été envahie par Daech le 21 mai 2015'));
  });

  it('gives sources their kind, country, affiliation and spelling variants', async () => {
    const centre = (await t.http.get('/api/sources').query({ q: 'reconciliation' }).set('Authorization', reader.auth).expect(200)).body.items;
    expect(centre).toHaveLength(1);
    expect(centre[0]).toMatchObject({ country: 'RU', parent: { name: 'ministère russe de la Défense' } });
    const rudskoy = (await t.http.get('/api/sources').query({ q: 'rudskoy' }).set('Authorization', reader.auth).expect(200)).body.items;
    expect(rudskoy.map((s: { name: string }) => s.name)).toEqual(['Sergueï Roudskoï']);
    expect(rudskoy[0].kind).toBe('person');
    const sputnik = (await t.http.get('/api/sources').query({ q: 'sputnik' }).set('Authorization', reader.auth).expect(200)).body.items[0];
    expect(sputnik).toMatchObject({ kind: 'news_agency', country: 'RU', affiliationNote: expect.stringMatching(/state/i) });
  });

  it('finds claims by source anywhere in the chain, in SQL', async () => {
    const sources = (await t.http.get('/api/sources').query({ q: 'veretennik' }).set('Authorization', reader.auth).expect(200)).body.items;
    const response = await t.http
      .get(`/api/articles/${articleId}/claims`)
      .query({ sourceId: sources[0].id, sourceRole: 'speaker' })
      .set('Authorization', reader.auth)
      .expect(200);
    expect(response.body.total).toBeGreaterThan(0);
    for (const claim of response.body.items) expect(claim.attributions[0].source.name).toBe('Dmitri Veretennik');
  });

  it('changes nothing when run a second time', async () => {
    const tables = ['sources', 'source_aliases', 'articles', 'claims', 'attributions', 'audit_events'];
    const before = await Promise.all(tables.map((table) => t.count(table)));
    const report = await t.app.get(SeedService).seedSample();
    expect(report).toEqual({ articleId, sourcesCreated: 0, articleCreated: false, claimsCreated: 0 });
    expect(await Promise.all(tables.map((table) => t.count(table)))).toEqual(before);
  });
});

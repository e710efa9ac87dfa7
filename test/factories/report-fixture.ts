import { type ClaimStatus } from '../../src/claims/claim.entity';
import { ReportClock } from '../../src/reports/reports.service';
import { ClaimTransition, Verdict, type Rating } from '../../src/review/review.entities';
import { SeedService } from '../../src/seed/seed.service';
import { SignedIn, TestApp } from '../support/test-app';

/** Every report in the golden specs is made at this instant, by this user: the bytes are stable. */
export const REPORT_GENERATED_AT = '2016-04-10T12:00:00.000Z';
export const REPORT_AUTHOR = 'desk';

/** Text a hostile or careless user might type: it must come out as text in HTML and inert in CSV. */
export const HOSTILE_WORDING = '=HYPERLINK("http://evil.example/x","click") <script>alert("wording")</script>';
export const HOSTILE_EVIDENCE_TITLE = '<img src=x onerror=alert(1)> @SUM(1+1)';
export const HOSTILE_RATIONALE = [
  'Distance **checked** on a map: about 90 km, see [the survey](https://example.org/survey).',
  '',
  '<script>alert("rationale")</script> [a trap](javascript:alert(1)) ![pixel](https://tracker.example/p.png)',
].join('\n');

export interface ReportFixture {
  articleId: number;
  desk: SignedIn;
  rita: SignedIn;
  victor: SignedIn;
  /** Claim ids by role in the fixture. */
  claims: { roudskoi: number; centre: number; perle: number; veretennik: number; hostile: number; dismissed: number; inReview: number };
}

const at = (iso: string) => new Date(iso);

/**
 * The sample article in a fixed state for the report specs: some claims published (one after a
 * correction), one with a proposed verdict and hostile text, one dismissed, the rest drafts.
 *
 * Everything goes through the HTTP API: claims, chains, article metadata, evidence, and the
 * review workflow (transitions, verdicts, publishing by a second reviewer, a correction). Only
 * the instants the report shows are then pinned to fixed values, so the golden files are stable.
 */
export async function buildReportFixture(t: TestApp): Promise<ReportFixture> {
  const { articleId } = await t.app.get(SeedService).seedSample();
  const desk = await t.signIn('editor', REPORT_AUTHOR);
  const rita = await t.signIn('reviewer', 'rita');
  const victor = await t.signIn('reviewer', 'victor');
  const as = (who: SignedIn) => ({ Authorization: who.auth });

  const outlet = await t.http.post('/api/sources').set(as(desk)).send({ name: "Le Quotidien d'exemple", kind: 'outlet', country: 'FR' }).expect(201);
  const article = await t.http.get(`/api/articles/${articleId}`).set(as(desk)).expect(200);
  await t.http
    .patch(`/api/articles/${articleId}`)
    .set(as(desk))
    .send({ version: article.body.version, outletId: outlet.body.id, url: 'https://example.org/2016/04/03/palmyre-al-qaryatayn', publishedDate: '2016-04-03' })
    .expect(200);

  const list = await t.http.get(`/api/articles/${articleId}/claims`).query({ pageSize: 200 }).set(as(desk)).expect(200);
  const byQuote = (start: string): { id: number; version: number } => {
    const found = (list.body.items as { id: number; quote: string; version: number }[]).find((c) => c.quote.startsWith(start));
    if (!found) throw new Error(`No sample claim starts with ${start}`);
    return found;
  };
  const claims = {
    roudskoi: byQuote('les sapeurs russes disposent').id,
    centre: byQuote('Les sapeurs syriens ont neutralisé 1230 mines').id,
    perle: byQuote('La ville de Palmyre, la «perle»').id,
    veretennik: byQuote('les sapeurs russes étaient en route').id,
    hostile: byQuote('se trouvant à 85 kilomètres').id,
    dismissed: byQuote('le triomphe de Palmyre').id,
    inReview: byQuote('Cette démarche a prédéterminé').id,
  };

  // The paragraph is Sputnik's report ("écrit l'agence de presse russe Sputnik"); this fixture's
  // editor reads Roudskoï's words as relayed by it, which gives the chain a relay link.
  const sources = await t.http.get('/api/sources').query({ pageSize: 100 }).set(as(desk)).expect(200);
  const sourceId = (name: string) => (sources.body.items as { id: number; name: string }[]).find((s) => s.name === name)!.id;
  await t.http
    .put(`/api/claims/${claims.roudskoi}/attributions`)
    .set(as(desk))
    .send({
      version: byQuote('les sapeurs russes disposent').version,
      attributions: [
        { sourceId: sourceId('Sergueï Roudskoï'), verb: "D'après", mode: 'paraphrase' },
        { sourceId: sourceId('Sputnik'), verb: 'écrit', mode: 'paraphrase' },
      ],
    })
    .expect(200);
  await t.http
    .patch(`/api/claims/${claims.hostile}`)
    .set(as(desk))
    .send({ version: byQuote('se trouvant à 85 kilomètres').version, text: HOSTILE_WORDING })
    .expect(200);

  const evidence = (claimId: number, who: SignedIn, body: object) => t.http.post(`/api/claims/${claimId}/evidence`).set(as(who)).send(body).expect(201);
  await evidence(claims.roudskoi, rita, {
    url: 'https://example.org/mod/2016-04-02-briefing',
    title: 'Briefing by the Main Operations Directorate, 2 April 2016',
    publisher: 'Russian Ministry of Defence',
    stance: 'supports',
    excerpt: 'Sappers are equipped with electromagnetic mine detectors and command-wire detectors.',
    accessedDate: '2016-04-05',
    archiveUrl: 'https://archive.example.org/2016/mod-briefing',
  });
  await evidence(claims.roudskoi, rita, {
    url: 'https://example.org/equipment/uran-6',
    title: 'Mine-clearing equipment of the Russian engineering troops',
    stance: 'context',
    accessedDate: '2016-04-05',
  });
  await evidence(claims.centre, rita, {
    url: 'https://example.org/unmas/palmyra-survey',
    title: 'Palmyra explosive hazard survey',
    publisher: 'Mine action survey (example)',
    stance: 'contradicts',
    excerpt: 'The figure of 1,230 includes items cleared outside the town.',
    accessedDate: '2016-04-06',
  });
  await evidence(claims.centre, victor, {
    url: 'https://example.org/centre/2016-04-02',
    title: 'Reconciliation Centre bulletin, 2 April 2016',
    publisher: 'Centre for Reconciliation',
    stance: 'supports',
    accessedDate: '2016-04-06',
  });
  await evidence(claims.perle, victor, {
    url: 'https://example.org/unesco/palmyra',
    title: 'Site of Palmyra: state of conservation',
    publisher: 'UNESCO World Heritage Centre',
    stance: 'supports',
    accessedDate: '2016-04-05',
  });
  await evidence(claims.veretennik, rita, { url: 'https://example.org/tass/sappers', title: 'Russian sappers on their way', stance: 'context' });
  await evidence(claims.hostile, rita, { url: 'https://example.org/maps/homs', title: HOSTILE_EVIDENCE_TITLE, stance: 'supports', accessedDate: '2016-04-07' });

  // The review workflow, through its API (issue 4). Its rows get "now" as their time; the golden
  // files need fixed instants, so the times the report shows are pinned afterwards (below).
  const move = async (claimId: number, who: SignedIn, to: ClaimStatus, reason?: string) => {
    const { version } = (await t.http.get(`/api/claims/${claimId}`).set(as(who)).expect(200)).body;
    await t.http.post(`/api/claims/${claimId}/transitions`).set(as(who)).send({ to, version, ...(reason ? { reason } : {}) }).expect(200);
  };
  const propose = async (claimId: number, rating: Rating, rationale: string) => {
    const { version } = (await t.http.get(`/api/claims/${claimId}`).set(as(rita)).expect(200)).body;
    await t.http.post(`/api/claims/${claimId}/verdicts`).set(as(rita)).send({ rating, rationale, version }).expect(201);
  };
  const toReview = async (claimId: number) => {
    await move(claimId, desk, 'submitted');
    await move(claimId, rita, 'in_review');
  };
  const publish = async (claimId: number, rating: Rating, rationale: string) => {
    await propose(claimId, rating, rationale);
    await move(claimId, victor, 'published');
  };

  await toReview(claims.roudskoi);
  await publish(claims.roudskoi, 'mostly_true', "The Ministry's briefing lists the same detectors; the article leaves out which units carry them.");
  await toReview(claims.centre);
  await publish(claims.centre, 'false', 'No mine action survey supports 1,230 items **in the town**.');
  await move(claims.centre, rita, 'in_review', 'The survey counts items cleared outside the town too; the first verdict overstated the gap.');
  await publish(claims.centre, 'mostly_false', 'The 1,230 figure covers the town *and* its outskirts; within the town the survey counts fewer.');
  await toReview(claims.perle);
  await publish(claims.perle, 'true', 'UNESCO records the occupation of the site from 21 May 2015.');
  await toReview(claims.veretennik);
  await publish(claims.veretennik, 'unverifiable', 'No independent record of the unit movements on that date.');
  await toReview(claims.hostile);
  await propose(claims.hostile, 'mostly_true', HOSTILE_RATIONALE);
  await move(claims.dismissed, desk, 'dismissed', 'Opinion: not checkable.');
  await toReview(claims.inReview);

  // Pinned times, in the order the verdicts were proposed above.
  const times: [string, string | null][] = [
    ['2016-04-05T09:00:00.000Z', '2016-04-06T10:00:00.000Z'],
    ['2016-04-05T11:00:00.000Z', '2016-04-06T11:00:00.000Z'],
    ['2016-04-07T09:00:00.000Z', '2016-04-07T15:00:00.000Z'],
    ['2016-04-05T12:00:00.000Z', '2016-04-06T12:00:00.000Z'],
    ['2016-04-05T13:00:00.000Z', '2016-04-06T13:00:00.000Z'],
    ['2016-04-07T10:00:00.000Z', null],
  ];
  await t.dataSource.transaction(async (m) => {
    const verdicts = await m.find(Verdict, { order: { id: 'ASC' } });
    if (verdicts.length !== times.length) throw new Error(`Expected ${times.length} verdicts, found ${verdicts.length}`);
    for (const [i, v] of verdicts.entries()) {
      await m.update(Verdict, { id: v.id }, { createdAt: at(times[i][0]), publishedAt: times[i][1] ? at(times[i][1]!) : null });
    }
    await m.update(ClaimTransition, { claimId: claims.centre, fromStatus: 'published', toStatus: 'in_review' }, { at: at('2016-04-07T08:00:00.000Z') });
  });

  return { articleId, desk, rita, victor, claims };
}

/** Pins the report clock (a true boundary) so that reports made over HTTP carry REPORT_GENERATED_AT. */
export function pinReportClock(t: TestApp): void {
  t.app.get(ReportClock).now = () => new Date(REPORT_GENERATED_AT);
}

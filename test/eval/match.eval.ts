// `npm run eval:match`: precision at 1 and recall at 5 of similar-claim search on the evaluation
// set (test/eval/match-pairs.ts), through the real engine (FTS candidates, then re-scoring) on a
// migrated database holding the targets and the sample article's claims.
import { ClaimsService } from '../../src/claims/claims.service';
import { MATCH_SCORE, MatchingService } from '../../src/matching/matching.service';
import { tokenize } from '../../src/matching/normalise';
import { SeedService } from '../../src/seed/seed.service';
import { TestApp } from '../support/test-app';
import { EvalPair, PAIRS, SAME_IN_SAMPLE } from './match-pairs';

describe('claim matching evaluation', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('prints precision at 1 and recall at 5 on the evaluation set', async () => {
    t = await TestApp.start();
    await t.app.get(SeedService).seedSample();
    const targets = [...new Set(PAIRS.map((p) => p.target))];
    const body = targets.join('\n');
    const admin = await t.signIn('admin');
    const article = (await t.http.post('/api/articles').set({ Authorization: admin.auth }).send({ title: 'Evaluation corpus', language: 'en', body }).expect(201)).body;
    const idOf = new Map<string, number>();
    for (const target of targets) {
      const claim = await t.app.get(ClaimsService).create(null, article.id, { text: target, quote: target, kind: 'event', unattributed: true });
      idOf.set(target, claim.id);
    }
    const sample: { id: number; quote: string }[] = await t.dataSource.query('SELECT id, quote FROM claims WHERE article_id <> ' + Number(article.id));
    const accepted = (target: string) =>
      new Set([idOf.get(target)!, ...sample.filter((c) => (SAME_IN_SAMPLE[target] ?? []).some((q) => c.quote.includes(q))).map((c) => c.id)]);
    const matching = t.app.get(MatchingService);
    const rows: { pair: EvalPair; top1: boolean | null; in5: boolean; best: string }[] = [];
    for (const pair of PAIRS) {
      const results = await matching.findSimilar(tokenize(pair.query), { limit: 5 });
      const best = results[0] && results[0].score >= MATCH_SCORE ? results[0] : null;
      const right = accepted(pair.target);
      rows.push({
        pair,
        // null: nothing proposed as a match; true: the right claim; false: a wrong one.
        top1: best ? pair.match && right.has(best.claim.id) : null,
        in5: pair.match && results.some((r) => right.has(r.claim.id)),
        best: best ? `${best.score} ${best.claim.text}` : '',
      });
    }
    const proposed = rows.filter((r) => r.top1 !== null);
    const precisionAt1 = proposed.filter((r) => r.top1).length / proposed.length;
    const positives = rows.filter((r) => r.pair.match);
    const recallAt5 = positives.filter((r) => r.in5).length / positives.length;
    const lines = [
      `Claim matching evaluation: ${PAIRS.length} pairs (${positives.length} same-claim, ${PAIRS.length - positives.length} near-misses), corpus of ${targets.length} targets + the sample article's claims`,
      `precision@1  ${precisionAt1.toFixed(3)}  (${proposed.filter((r) => r.top1).length}/${proposed.length} best results scoring >= ${MATCH_SCORE} are the right claim)`,
      `recall@5     ${recallAt5.toFixed(3)}  (${positives.filter((r) => r.in5).length}/${positives.length} targets among the first 5)`,
    ];
    for (const kind of ['paraphrase', 'relay', 'translation', 'near-miss'] as const) {
      const of = rows.filter((r) => r.pair.kind === kind);
      const wrong = of.filter((r) => r.top1 === false).length;
      const missed = of.filter((r) => r.pair.match && !r.in5).length;
      lines.push(`  ${kind.padEnd(12)} ${String(of.length).padStart(3)} pairs, ${wrong} wrong best match(es), ${missed} target(s) missed at 5`);
    }
    for (const r of rows.filter((r) => r.top1 === false || (r.pair.match && !r.in5))) lines.push(`  miss: [${r.pair.kind}] ${r.pair.query}\n        best: ${r.best}`);
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
    expect(PAIRS.length).toBeGreaterThanOrEqual(60);
    expect(precisionAt1).toBeGreaterThanOrEqual(0.85);
    expect(recallAt5).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});

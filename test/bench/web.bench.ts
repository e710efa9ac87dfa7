/**
 * Benchmark: the article page with its highlights and side list for an article with many claims.
 * Prints timings; asserts only that the page is right (never a time). Run with `npm run bench:web`;
 * BENCH_WEB_CLAIMS sets the number of claims (500 by default).
 */
import { ArticlesService } from '../../src/articles/articles.service';
import { AuthService } from '../../src/auth/auth.service';
import { ClaimsService } from '../../src/claims/claims.service';
import { Transactions } from '../../src/database/transactions';
import { SourcesService } from '../../src/sources/sources.service';
import { TestApp } from '../support/test-app';

const CLAIMS = Number(process.env.BENCH_WEB_CLAIMS ?? 500);
const RUNS = 30;

describe('benchmark: the article page', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  }, 600_000);
  afterAll(() => t.close());

  it(`renders an article with ${CLAIMS} claims`, async () => {
    const editor = await t.signIn('editor');
    const actor = { id: editor.id, username: editor.username, role: editor.role };
    const sentence = "« Les sapeurs syriens ont neutralisé 1230 mines », a indiqué samedi le Centre près de Palmyre. ";
    const body = Array.from({ length: CLAIMS }, (_, i) => `${i}. ${sentence}`).join('');
    const article = await t.app.get(ArticlesService).create(actor, { title: 'Banc d’essai', language: 'fr', body });
    const source = await t.app.get(SourcesService).create(actor, { name: 'Centre de réconciliation', kind: 'government_body' });
    const claims = t.app.get(ClaimsService);
    await t.app.get(Transactions).run(async (manager) => {
      let offset = 0;
      for (let i = 0; i < CLAIMS; i++) {
        const prefix = `${i}. `;
        const start = offset + prefix.length;
        const quote = sentence.slice(0, 50);
        await claims.createIn(manager, actor, article.id, {
          text: `Claim ${i}`,
          quote,
          start,
          end: start + quote.length,
          kind: 'quantity',
          ...(i % 3 === 0 ? { unattributed: true } : { attributions: [{ sourceId: source.id, verb: 'a indiqué', mode: 'paraphrase' }] }),
        });
        offset += prefix.length + sentence.length;
      }
    });
    const { token } = await t.app.get(AuthService).login(editor.username, `password-of-${editor.username}`);
    const cookie = `ct_session=${token}`;
    const timings: number[] = [];
    let html = '';
    for (let run = 0; run < RUNS; run++) {
      const started = process.hrtime.bigint();
      const response = await t.http.get(`/articles/${article.id}`).set('Cookie', cookie).expect(200);
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      html = response.text;
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(RUNS / 2)];
    const p95 = timings[Math.min(RUNS - 1, Math.floor(RUNS * 0.95))];
    process.stdout.write(
      `\n  GET /articles/:id with ${CLAIMS} claims, ${RUNS} runs: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
        `max ${timings[RUNS - 1].toFixed(1)} ms, page ${(html.length / 1024).toFixed(0)} KiB\n\n`,
    );
    expect((html.match(/<li id="claim-/g) ?? []).length).toBe(CLAIMS);
    // Every claim is marked in the text: a claim's mark may come in several segments where a suggestion's
    // mark (hl-suggested) crosses it, so the claims are counted, not the segments.
    const marked = new Set([...html.matchAll(/<mark class="hl [^"]*" data-claims="([\d ]+)"/g)].flatMap((m) => m[1].split(' ')));
    expect(marked.size).toBe(CLAIMS);
  }, 600_000);
});

/**
 * Benchmark: claim lists and filters on a large article. Prints figures; asserts only that the
 * answers are right (never a time). Run with `npm run bench` (SQLite) or, for PostgreSQL,
 * `TEST_DATABASE_URL=postgres://… npm run bench`. BENCH_CLAIMS sets the number of claims.
 */
import { ClaimsService } from '../../src/claims/claims.service';
import { Transactions } from '../../src/database/transactions';
import { SourcesService } from '../../src/sources/sources.service';
import { ArticlesService } from '../../src/articles/articles.service';
import { TestApp } from '../support/test-app';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 5000);
const RUNS = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

describe('benchmark: claim lists', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  }, 600_000);
  afterAll(() => t.close());

  it(`lists and filters ${CLAIMS} claims in SQL`, async () => {
    const editor = await t.signIn('editor');
    const sentence = "Les sapeurs syriens ont neutralisé 1230 mines dans la ville de Palmyre, a indiqué samedi le Centre. ";
    const body = Array.from({ length: CLAIMS }, (_, i) => `${i}: ${sentence}`).join('');
    const started = process.hrtime.bigint();
    const { articleId, sourceIds } = await t.app.get(Transactions).run(async (manager) => {
      const sources = t.app.get(SourcesService);
      const sourceIds: number[] = [];
      for (let i = 0; i < 50; i++) sourceIds.push((await sources.createIn(manager, null, { name: `Bench source ${i}`, kind: 'organisation', aliases: [`Alias ${i}`] })).id);
      const article = await t.app.get(ArticlesService).createIn(manager, null, { title: 'Bench article', language: 'fr', body });
      return { articleId: article.id, sourceIds };
    });
    const claims = t.app.get(ClaimsService);
    let offset = 0;
    for (let batch = 0; batch < CLAIMS / 500; batch++) {
      await t.app.get(Transactions).run(async (manager) => {
        for (let i = batch * 500; i < Math.min(CLAIMS, (batch + 1) * 500); i++) {
          const prefix = `${i}: `;
          const start = offset + prefix.length;
          offset += prefix.length + sentence.length;
          await claims.createIn(manager, null, articleId, {
            text: `Claim ${i}: sappers neutralised 1,230 mines`,
            quote: sentence.slice(0, 46),
            start,
            end: start + 46,
            kind: i % 2 ? 'quantity' : 'event',
            unattributed: i % 3 === 0,
            attributions:
              i % 3 === 0
                ? []
                : [
                    { sourceId: sourceIds[i % 50], verb: 'a indiqué', mode: 'paraphrase' },
                    { sourceId: sourceIds[(i + 7) % 50], verb: 'écrit', mode: 'paraphrase' },
                  ],
          });
        }
      });
    }
    const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const cases: [string, string, Record<string, string | number>][] = [
      ['article claims, page of 200', `/api/articles/${articleId}/claims`, { pageSize: 200 }],
      ['article claims, last page', `/api/articles/${articleId}/claims`, { pageSize: 200, page: Math.ceil(CLAIMS / 200) }],
      ['filter: source anywhere in chain', '/api/claims', { sourceId: sourceIds[3], pageSize: 50 }],
      ['filter: source as speaker', '/api/claims', { sourceId: sourceIds[3], sourceRole: 'speaker', pageSize: 50 }],
      ['filter: unattributed', '/api/claims', { unattributed: 'true', pageSize: 50 }],
      ['filter: status + kind', '/api/claims', { status: 'draft', kind: 'quantity', pageSize: 50 }],
      ['text search (q)', '/api/claims', { q: 'claim 4999', pageSize: 50 }],
      ['sources search (q)', '/api/sources', { q: 'alias 4', pageSize: 50 }],
    ];
    const rows: string[] = [];
    for (const [name, path, query] of cases) {
      const times: number[] = [];
      let total = 0;
      for (let run = 0; run < RUNS; run++) {
        const t0 = process.hrtime.bigint();
        const response = await t.http.get(path).query(query).set('Authorization', editor.auth);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        expect(response.status).toBe(200);
        total = response.body.total;
      }
      times.sort((a, b) => a - b);
      rows.push(`${name.padEnd(36)} ${String(total).padStart(6)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}`);
    }
    const memory = process.memoryUsage();
    process.stdout.write(
      [
        '',
        `Claimtrail benchmark on ${t.dataSource.options.type}: ${CLAIMS} claims (${(body.length / 1024).toFixed(0)} KiB article), loaded in ${loadSeconds.toFixed(1)} s`,
        `${'request'.padEnd(36)} ${'total'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}   (${RUNS} runs each, over HTTP in-process)`,
        ...rows,
        `memory: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`,
        '',
      ].join('\n'),
    );
  }, 600_000);
});

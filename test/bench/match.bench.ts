/**
 * Benchmark: similar-claim lookups with BENCH_MATCH_CLAIMS claims (default 100,000) and
 * BENCH_MATCH_FACTCHECKS imported fact-checks (default 200,000), loaded with batched inserts
 * (the FTS triggers index every row as on a normal write). Prints p50/p95 of
 * GET /api/claims/:id/similar and /external-matches over HTTP; asserts only that answers are
 * right, never a time. `npm run bench` (SQLite; target p95 < 50 ms), or with
 * TEST_DATABASE_URL=postgres://… for PostgreSQL.
 */
import { Article } from '../../src/articles/article.entity';
import { Claim } from '../../src/claims/claim.entity';
import { Transactions } from '../../src/database/transactions';
import { cpus, loadavg } from 'node:os';
import { ExternalFactCheck } from '../../src/matching/matching.entities';
import { MatchingService } from '../../src/matching/matching.service';
import { claimMatchSource, matchText } from '../../src/matching/normalise';
import { TestApp } from '../support/test-app';

const CLAIMS = Number(process.env.BENCH_MATCH_CLAIMS ?? 100_000);
const FACT_CHECKS = Number(process.env.BENCH_MATCH_FACTCHECKS ?? 200_000);
const LOOKUPS = 200;
const BATCH = 500;

/** A deterministic pseudo-random generator, so every run builds the same corpus. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}
const random = rng(42);
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];

const PEOPLE = Array.from({ length: 400 }, (_, i) => `${pick(['Sergei', 'Dmitri', 'Anna', 'Karim', 'Leila', 'John', 'Marie', 'Omar', 'Ivan', 'Sofia'])} ${['Rudskoy', 'Veretennik', 'Haddad', 'Martin', 'Petrov', 'Nasser', 'Dubois', 'Smith', 'Khalil', 'Volkov'][i % 10]}${i}`);
const PLACES = ['Palmyra', 'Aleppo', 'Homs', 'Damascus', 'Idlib', 'Raqqa', 'Deir ez-Zor', 'Al-Qaryatayn', 'Latakia', 'Hama', 'Mosul', 'Beirut', 'Geneva', 'Moscow', 'Paris'];
const NOUNS = ['mines', 'civilians', 'families', 'fighters', 'sorties', 'airstrikes', 'refugees', 'tonnes of aid', 'buildings', 'schools', 'hospitals', 'vehicles'];
const VERBS = ['neutralised', 'evacuated', 'counted', 'destroyed', 'rebuilt', 'registered', 'delivered', 'reported', 'cleared', 'inspected'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function sentence(): string {
  const n = Math.floor(random() * 20_000).toLocaleString('en-US');
  return `${pick(PEOPLE)} said ${n} ${pick(NOUNS)} were ${pick(VERBS)} in ${pick(PLACES)} in ${pick(MONTHS)} ${2010 + Math.floor(random() * 10)}.`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

describe('benchmark: claim matching', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  }, 600_000);
  afterAll(() => t.close());

  it(`finds similar claims among ${CLAIMS} claims and ${FACT_CHECKS} fact-checks`, async () => {
    const editor = await t.signIn('editor');
    const tx = t.app.get(Transactions);
    const started = process.hrtime.bigint();
    const now = new Date();
    const articleIds = await tx.run(async (manager) => {
      const ids: number[] = [];
      for (let i = 0; i < 100; i++) {
        const saved = await manager.save(
          manager.create(Article, { title: `Bench ${i}`, titleFolded: `bench ${i}`, language: 'en', body: 'x'.repeat(200), bodySha256: `${i}`.padStart(64, '0'), createdAt: now, updatedAt: now }),
        );
        ids.push(saved.id);
      }
      return ids;
    });
    for (let done = 0; done < CLAIMS; done += BATCH) {
      await tx.run(async (manager) => {
        const rows = Array.from({ length: Math.min(BATCH, CLAIMS - done) }, (_, i) => {
          const text = sentence();
          return {
            articleId: articleIds[(done + i) % articleIds.length],
            text,
            quote: text,
            start: 0,
            end: 1,
            searchFolded: text.toLowerCase(),
            matchText: matchText(claimMatchSource({ text, quote: text })),
            kind: 'quantity' as const,
            status: 'draft' as const,
            unattributed: true,
            note: null,
            assigneeId: null,
            createdById: null,
            createdAt: now,
            updatedAt: now,
            version: 1,
          };
        });
        await manager.createQueryBuilder().insert().into(Claim).values(rows).updateEntity(false).execute();
      });
    }
    for (let done = 0; done < FACT_CHECKS; done += BATCH) {
      await tx.run(async (manager) => {
        const rows = Array.from({ length: Math.min(BATCH, FACT_CHECKS - done) }, (_, i) => {
          const claimReviewed = sentence();
          return {
            url: `https://factcheck.example.org/${done + i}`,
            publisher: 'Bench Fact Check',
            claimReviewed,
            claimant: null,
            rating: pick(['False', 'True', 'Misleading']),
            reviewDate: '2016-04-12',
            language: 'en',
            matchText: matchText(claimReviewed),
            importedAt: now,
          };
        });
        await manager.createQueryBuilder().insert().into(ExternalFactCheck).values(rows).updateEntity(false).execute();
      });
    }
    const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const maxId = Number((await t.dataSource.query('SELECT MAX(id) AS m FROM claims'))[0].m);
    // Warm-up, not counted: the first lookups read the database file into the page cache.
    for (let i = 0; i < 20; i++) await t.http.get(`/api/claims/${1 + Math.floor(random() * maxId)}/similar`).set({ Authorization: editor.auth }).expect(200);
    const times: Record<string, number[]> = { similar: [], external: [] };
    const found: Record<string, number> = { similar: 0, external: 0 };
    for (let i = 0; i < LOOKUPS; i++) {
      const id = 1 + Math.floor(random() * maxId);
      for (const [name, path] of [['similar', `/api/claims/${id}/similar`], ['external', `/api/claims/${id}/external-matches`]] as const) {
        const start = process.hrtime.bigint();
        const response = await t.http.get(path).set({ Authorization: editor.auth }).expect(200);
        times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
        if (response.body.items.length > 0) found[name]++;
        if (name === 'similar') expect(response.body.items.map((x: { claim: { id: number } }) => x.claim.id)).not.toContain(id);
      }
    }
    // The same lookup without HTTP and sign-in: what the matching itself costs.
    const matching = t.app.get(MatchingService);
    const direct: number[] = [];
    for (let i = 0; i < LOOKUPS; i++) {
      const start = process.hrtime.bigint();
      await matching.similar(1 + Math.floor(random() * maxId));
      direct.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    direct.sort((a, b) => a - b);
    const lines = [
      `Claim matching on ${t.dataSource.options.type}: ${CLAIMS} claims and ${FACT_CHECKS} fact-checks loaded in ${loadSeconds.toFixed(1)} s; ${LOOKUPS} lookups each; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
      `  MatchingService.similar (no HTTP)     p50 ${percentile(direct, 50).toFixed(1)} ms  p95 ${percentile(direct, 95).toFixed(1)} ms`,
    ];
    for (const [name, list] of Object.entries(times)) {
      const sorted = [...list].sort((a, b) => a - b);
      lines.push(`  ${name === 'similar' ? 'GET /api/claims/:id/similar          ' : 'GET /api/claims/:id/external-matches '} p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  (${found[name]}/${LOOKUPS} with matches)`);
    }
    expect(found.similar).toBeGreaterThan(LOOKUPS / 2);
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
  }, 1_800_000);
});

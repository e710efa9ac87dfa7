import { ClaimsService } from '../../src/claims/claims.service';
import { ClaimListQueryDto } from '../../src/claims/dto/claim.dto';
import { LedgerQueryDto } from '../../src/ledger/dto/ledger.dto';
import { LedgerService } from '../../src/ledger/ledger.service';
import { BENCH_TOKEN, fill } from '../bench/generate';
import { testDatabaseKind } from '../support/database';
import { TestApp } from '../support/test-app';

/**
 * On SQLite the API's claim lists, the review queue and a source's ledger are written as JSON by
 * SQLite (src/database/json-sql.ts) instead of built as objects and serialised. Their bytes must
 * be exactly JSON.stringify of the objects the rest of the application reads (ClaimsService.list,
 * LedgerService.forSource): the same members, in the same order, and strings escaped the same
 * way, also for the text that trips up JSON writers. On PostgreSQL the API serialises those
 * objects, and the same comparisons hold.
 */
describe('claim lists written as JSON by the database', () => {
  let t: TestApp;
  let claims: ClaimsService;
  const auth = `Bearer ${BENCH_TOKEN}`;

  /** Text that JSON writers disagree on: quotes, backslashes, every control character, separators, astral and combining characters, markup. */
  const AWKWARD = [
    'say "yes" \\ or \\"no\\"',
    // PostgreSQL refuses U+0000 in text; SQLite keeps it.
    Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join('').slice(testDatabaseKind() === 'postgres' ? 1 : 0) + '\u007f end',
    'line\u2028separator\u2029paragraph',
    'émoji 👍🏽 and e\u0301 combining, Сергей Рудской, سبوتنيك',
    '</script><!-- & -->',
    'lone \ud800 surrogate',
  ];

  beforeAll(async () => {
    t = await TestApp.start();
    await fill(t.dataSource, 90);
    claims = t.app.get(ClaimsService);
    // Written straight to the rows: this is about reading any stored text back, whatever wrote it.
    const postgres = t.dataSource.options.type === 'postgres';
    const set = (sql: string, ...values: unknown[]) => t.dataSource.query(postgres ? sql : sql.replace(/\$\d+/g, '?'), values);
    for (const [i, text] of AWKWARD.entries()) {
      await set(`UPDATE claims SET text = $1, quote = $2, note = $3 WHERE id = $4`, text, `${text} (quote)`, i % 2 ? null : `${text} (note)`, i + 1);
      await set(`UPDATE sources SET name = $1 WHERE id = $2`, `${text} (source)`, i + 1);
      await set(`UPDATE attributions SET verb = $1, said_where = $2, said_when = $3 WHERE claim_id = $4`, `${text} (verb)`, text, i % 2 ? text : null, i + 1);
    }
    await set(`UPDATE attributions SET source_id = NULL, anonymous = $1, description = $2 WHERE claim_id = $3 AND position = 0`, true, AWKWARD[0], 7);
    await set(`DELETE FROM attributions WHERE claim_id = $1`, 8);
    await set(`UPDATE users SET username = $1 WHERE id = $2`, 'ed"itor\\\n3', 3);
    await set(`UPDATE claims SET status = $1, assignee_id = NULL WHERE id <= $2`, 'submitted', 8); // in the reviewer's queue
  });
  afterAll(() => t.close());

  const QUERIES: Record<string, Partial<ClaimListQueryDto>> = {
    'an article page': { articleId: 1 },
    'an article page, second page of 7': { articleId: 1, page: 2, pageSize: 7 },
    'every claim, capped count': { pageSize: 200 },
    'status and kind': { status: ['submitted', 'published'], kind: ['quote', 'event', 'quantity'] },
    unattributed: { unattributed: true },
    'a source as speaker': { sourceId: 1, sourceRole: 'speaker' },
    'a source as relay, newest first': { sourceId: 2, sourceRole: 'relay', order: 'desc' },
    'a search term': { q: 'claim' },
    'sorted by update, descending': { sort: 'updatedAt', order: 'desc', pageSize: 13 },
    'past the last page': { page: 40 },
  };

  const toPath = (query: Partial<ClaimListQueryDto>): string => {
    const { articleId, ...rest } = query;
    const search = new URLSearchParams(Object.entries(rest).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
    return `${articleId ? `/api/articles/${articleId}/claims` : '/api/claims'}?${search}`;
  };

  it.each(Object.entries(QUERIES))('answers %s with the bytes of the objects the application reads', async (_name, query) => {
    const answer = await t.http.get(toPath(query)).set('Authorization', auth).expect(200);
    const objects = await claims.list(Object.assign(new ClaimListQueryDto(), query));
    expect(answer.text).toBe(JSON.stringify(objects));
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.text));
  });

  it('answers the review queue with the bytes of those objects, in the queue\'s order', async () => {
    const answer = await t.http.get('/api/review-queue?pageSize=20').set('Authorization', auth).expect(200);
    const queue = JSON.parse(answer.text) as { items: { id: number }[]; total: number; page: number; pageSize: number };
    expect(queue.items.map((c) => c.id).slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const everyClaim = await claims.list(Object.assign(new ClaimListQueryDto(), { pageSize: 200 }));
    const byId = new Map(everyClaim.items.map((c) => [c.id, c]));
    const expected = { items: queue.items.map((c) => byId.get(c.id)), total: queue.total, page: 1, pageSize: 20 };
    expect(answer.text).toBe(JSON.stringify(expected));
  });

  it("answers a source's ledger with the bytes of its objects, in every role and order", async () => {
    const ledger = t.app.get(LedgerService);
    // The sources of the awkward claims' chains: their entries carry that text.
    const linked: { source_id: number }[] = await t.dataSource.query('SELECT DISTINCT source_id FROM attributions WHERE claim_id <= 6 AND source_id IS NOT NULL ORDER BY source_id');
    expect(linked.length).toBeGreaterThan(0);
    for (const { source_id: id } of linked) {
      for (const query of [{}, { role: 'speaker', order: 'desc' }, { role: 'relay', pageSize: 2 }, { page: 9 }] as Partial<LedgerQueryDto>[]) {
        const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
        const answer = await t.http.get(`/api/sources/${id}/ledger?${search}`).set('Authorization', auth).expect(200);
        expect(answer.text).toBe(JSON.stringify(await ledger.forSource(Number(id), Object.assign(new LedgerQueryDto(), query))));
      }
    }
  });

  it('covers the awkward text, anonymous links and empty chains it is about', async () => {
    const { items } = JSON.parse((await t.http.get('/api/claims?sort=id&pageSize=10').set('Authorization', auth).expect(200)).text);
    expect(items.slice(0, AWKWARD.length).map((c: { text: string }) => c.text.replace('\ufffd', '\ud800'))).toEqual(AWKWARD);
    expect(items[6].attributions[0]).toMatchObject({ source: null, anonymous: true, description: AWKWARD[0] });
    expect(items[7].attributions).toEqual([]);
    expect(items.some((c: { createdBy: { username: string } }) => c.createdBy.username === 'ed"itor\\\n3')).toBe(true);
  });

  it('sends the same bytes when Express answers instead (a conditional request)', async () => {
    const path = toPath(QUERIES['an article page']);
    const plain = await t.http.get(path).set('Authorization', auth).expect(200);
    const conditional = await t.http.get(path).set('Authorization', auth).set('If-None-Match', '"no-such-tag"').expect(200);
    expect(conditional.text).toBe(plain.text);
  });

  it("answers a claim's detail with the bytes of its object, for the moves each role may make", async () => {
    const postgres = t.dataSource.options.type === 'postgres';
    const set = (sql: string, ...values: unknown[]) => t.dataSource.query(postgres ? sql : sql.replace(/\$\d+/g, '?'), values);
    const ids = async (sql: string) => ((await t.dataSource.query(sql)) as { id: number }[]).map((r) => Number(r.id));
    // The review rows carry the awkward text too: evidence, verdicts, transitions and comments.
    const [evidence, verdicts, transitions] = [
      await ids('SELECT id FROM evidence_links ORDER BY id LIMIT 6'),
      await ids('SELECT id FROM verdicts ORDER BY id LIMIT 6'),
      await ids('SELECT id FROM claim_transitions ORDER BY id LIMIT 6'),
    ];
    for (const [i, text] of AWKWARD.entries()) {
      await set('UPDATE evidence_links SET title = $1, excerpt = $2, publisher = $3, added_by_id = $4 WHERE id = $5', text, i % 2 ? null : text, i % 3 ? text : null, i === 1 ? null : 3, evidence[i]);
      await set('UPDATE verdicts SET rationale = $1 WHERE id = $2', text, verdicts[i]);
      await set('UPDATE claim_transitions SET reason = $1 WHERE id = $2', i % 2 ? null : text, transitions[i]);
      await set('INSERT INTO comments (claim_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)', 1 + (i % 3), i === 2 ? null : 3, text, `2026-01-0${i + 1}T10:00:00.000Z`);
    }
    await set('UPDATE verdicts SET invalidated_at = $1, wording_version = $2 WHERE id = $3', '2026-02-01T00:00:00.000Z', 2, verdicts[1]);
    await set('UPDATE verdicts SET reuses_verdict_id = $1 WHERE id = $2', verdicts[0], verdicts[2]);
    // Claim 2 was corrected once: sent back to review after publishing.
    await set('INSERT INTO claim_transitions (claim_id, from_status, to_status, reason, user_id, at) VALUES ($1, $2, $3, $4, $5, $6)', 2, 'published', 'in_review', AWKWARD[3], 3, '2026-03-02T00:00:00.000Z');
    // Claim 1 gets two verdicts: the latest is the current one.
    for (const [rating, text] of [['false', AWKWARD[4]], ['misleading', AWKWARD[5]]]) {
      await set('INSERT INTO verdicts (claim_id, rating, rationale, reviewer_id, created_at) VALUES ($1, $2, $3, $4, $5)', 1, rating, text, 3, '2026-03-01T00:00:00.000Z');
    }
    const claimIds = [
      ...new Set([
        ...(await ids(`SELECT DISTINCT claim_id AS id FROM evidence_links WHERE id IN (${evidence.join(', ')})`)),
        ...(await ids(`SELECT DISTINCT claim_id AS id FROM verdicts WHERE id IN (${verdicts.join(', ')})`)),
        ...(await ids(`SELECT DISTINCT claim_id AS id FROM claim_transitions WHERE id IN (${transitions.join(', ')})`)),
        ...[1, 2, 3, 7, 8, 40, 89],
      ]),
    ];
    const people = [await t.signIn('editor'), await t.signIn('reviewer'), await t.signIn('admin')];
    for (const id of claimIds) {
      for (const who of people) {
        const answer = await t.http.get(`/api/claims/${id}`).set('Authorization', who.auth).expect(200);
        expect(answer.text).toBe(JSON.stringify(await claims.get(id, { id: who.id, username: who.username, role: who.role })));
        expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.text));
      }
    }
    // What this covered: each part of the detail, filled and empty.
    const details = await Promise.all(claimIds.map((id) => claims.get(id, people[1])));
    for (const part of ['evidence', 'verdicts', 'comments', 'transitions'] as const) {
      expect([part, details.some((d) => d[part].length > 1), details.some((d) => d[part].length === 0)]).toEqual([part, true, true]);
    }
    expect(details.some((d) => d.currentVerdict === null) && details.some((d) => d.currentVerdict?.invalidatedAt)).toBe(true);
    expect(details.some((d) => d.allowedTransitions.length > 0)).toBe(true);
    expect(details.some((d) => d.corrections > 0)).toBe(true);
    await t.http.get('/api/claims/999999').set('Authorization', auth).expect(404);
  });

  if (testDatabaseKind() === 'sqlite') {
    it('reads a page again when one of its claims is deleted between its ids and its JSON, and answers it whole', async () => {
      type Done = (error: Error | null, rows: unknown[]) => void;
      type Statement = { all: (params: unknown[], callback: Done) => void };
      type Prepare = (sql: string, callback: (error: Error | null) => void) => Statement;
      const connection = (t.dataSource.driver as unknown as { databaseConnection: { prepare: Prepare; run: (sql: string, callback: (error: Error | null) => void) => void } })
        .databaseConnection;
      const prepare = connection.prepare;
      let deleted = false;
      // Reads run as statements prepared once (database/read-rows.ts). A page of 11, which no other test reads, has its JSON
      // statement prepared here; its first run finds claim 3 gone: deleted after the page's ids were read.
      connection.prepare = function (this: unknown, sql, callback) {
        const statement = prepare.call(this, sql, callback);
        if (!sql.includes('json_object(')) return statement;
        const all = statement.all;
        statement.all = function (this: unknown, params, done) {
          if (deleted) return all.call(this, params, done);
          deleted = true;
          connection.run('DELETE FROM claims WHERE id = 3', (error) => (error ? done(error, []) : all.call(this, params, done)));
        };
        return statement;
      } as Prepare;
      try {
        const answer = await t.http.get('/api/claims?sort=id&pageSize=11').set('Authorization', auth).expect(200);
        expect(deleted).toBe(true);
        const page = JSON.parse(answer.text) as { items: { id: number }[]; total: number };
        expect(page.items.map((c) => c.id)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        // The count went out with the page, before the deletion: it still counted claim 3, as two reads a moment apart would.
        expect(page.total).toBe(90);
        const after = await claims.list(Object.assign(new ClaimListQueryDto(), { sort: 'id', pageSize: 11 }));
        expect(JSON.stringify(page.items)).toBe(JSON.stringify(after.items));
        expect(after.total).toBe(89);
      } finally {
        connection.prepare = prepare;
      }
    });
  }
});

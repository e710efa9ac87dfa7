import { PassThrough, Readable } from 'node:stream';
import { join } from 'node:path';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { CliIo, runCli } from '../../src/cli/main';
import { SeedService } from '../../src/seed/seed.service';
import { articleInput } from '../factories';
import { testDatabaseKind } from '../support/database';
import { SignedIn, TestApp } from '../support/test-app';

const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);

function io(): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { stdin: Readable.from(['']), stdout, stderr, out: () => out, err: () => err };
}

interface Item {
  claim: { id: number; articleId: number; quote: string; text: string; status: string };
  score: number;
  reasons: string[];
  rating: string | null;
  verdictId: number | null;
  sameArticle: boolean;
  likelyDuplicate: boolean;
  sameCluster: boolean;
}

describe('Claim matching', () => {
  let t: TestApp;
  let editor: SignedIn;
  let maria: SignedIn;
  let nadia: SignedIn;
  let sampleId: number;
  let minesA: number; // "Les sapeurs syriens ont neutralisé 1230 mines dans la ville de Palmyre"
  let minesB: number; // "... ont déjà neutralisé 1230 mines et bombes artisanales"
  let secondArticle: number;
  let relay: { id: number; version: number };
  let unlinked: number;
  let publishedVerdict: number;
  const as = (u: SignedIn) => ({ Authorization: u.auth });

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.get(SeedService).seedSample();
    editor = await t.signIn('editor');
    maria = await t.signIn('reviewer', 'maria');
    nadia = await t.signIn('reviewer', 'nadia');
    const claims = (await t.http.get('/api/claims?q=1230&pageSize=10').set(as(editor)).expect(200)).body.items as { id: number; articleId: number; quote: string }[];
    sampleId = claims[0].articleId;
    minesA = claims.find((c) => c.quote.includes('dans la ville de Palmyre'))!.id;
    minesB = claims.find((c) => c.quote.includes('bombes artisanales'))!.id;
  });
  afterAll(() => t.close());

  it('flags the sample article\'s two 1,230-mines claims as likely duplicates', async () => {
    const duplicates = (await t.http.get(`/api/articles/${sampleId}/duplicates`).set(as(editor)).expect(200)).body;
    const pair = duplicates.items.find((p: { claim: { id: number }; other: { id: number } }) => p.claim.id === minesA && p.other.id === minesB);
    expect(pair).toBeDefined();
    expect(pair.score).toBeGreaterThanOrEqual(0.45);
    expect(pair.reasons[0]).toBe('same number: 1,230');

    const similar = (await t.http.get(`/api/claims/${minesA}/similar`).set(as(editor)).expect(200)).body.items as Item[];
    expect(similar[0].claim.id).toBe(minesB);
    expect(similar[0]).toMatchObject({ sameArticle: true, likelyDuplicate: true, sameCluster: false, rating: null });
    expect(similar.map((i) => i.claim.id)).not.toContain(minesA);
    expect(Object.keys(similar[0].claim).sort()).toEqual(['articleId', 'id', 'quote', 'status', 'text']);
    for (let i = 1; i < similar.length; i++) expect(similar[i - 1].score + 0.05).toBeGreaterThanOrEqual(similar[i].score);
  });

  it('shows the first article\'s claim as the best match of a second article repeating it in other words', async () => {
    const body = 'Selon le ministère russe, les démineurs de l\'armée syrienne ont désamorcé 1 230 mines à Palmyre. Le reste de la ville reste dangereux.';
    secondArticle = (await t.http.post('/api/articles').set(as(editor)).send(articleInput({ title: 'Palmyre, suite', body, url: 'https://example.org/suite' })).expect(201)).body.id;
    const created = (
      await t.http
        .post(`/api/articles/${secondArticle}/claims`)
        .set(as(editor))
        .send({ text: 'Army deminers defused 1 230 mines in Palmyra.', quote: "les démineurs de l'armée syrienne ont désamorcé 1 230 mines à Palmyre", kind: 'quantity', unattributed: true })
        .expect(201)
    ).body;
    relay = { id: created.id, version: created.version };
    // Stored and indexed in the same transaction as the claim.
    const [row] = await t.dataSource.query('SELECT match_text FROM claims WHERE id = ' + created.id);
    expect(row.match_text.split(' ')).toEqual(expect.arrayContaining(['1230', 'palmir']));

    const similar = (await t.http.get(`/api/claims/${created.id}/similar`).set(as(editor)).expect(200)).body.items as Item[];
    expect(similar[0].claim.articleId).toBe(sampleId);
    expect([minesA, minesB]).toContain(similar[0].claim.id);
    expect(similar[0].sameArticle).toBe(false);
    expect(similar[0].reasons.join('; ')).toMatch(/same number: 1 230.*same name/);
  });

  it('keeps its search index machinery after every migration (SQLite triggers, PostgreSQL GIN index): a later migration that rebuilds claims must recreate them', async () => {
    if (testDatabaseKind() === 'sqlite') {
      const triggers: { name: string }[] = await t.dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'claims' ORDER BY name`);
      // claim_search: matching's index; claim_text_trigrams: the claim list's search (migration 1767000000000).
      expect(triggers.map((r) => r.name)).toEqual([
        'claim_search_delete',
        'claim_search_insert',
        'claim_search_update',
        'claim_text_trigrams_delete',
        'claim_text_trigrams_insert',
        'claim_text_trigrams_update',
      ]);
    } else {
      const indexes: { indexname: string }[] = await t.dataSource.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'claims' AND indexname = 'ix_claims_match_tsv'`);
      expect(indexes).toHaveLength(1);
    }
  });

  it('follows an edit of the wording: the index changes in the same transaction', async () => {
    const other = (
      await t.http
        .post(`/api/articles/${secondArticle}/claims`)
        .set(as(editor))
        .send({ text: 'The rest of the city is still dangerous.', quote: 'Le reste de la ville reste dangereux.', kind: 'event', unattributed: true })
        .expect(201)
    ).body;
    unlinked = other.id;
    const scoreOfMinesA = async () =>
      ((await t.http.get(`/api/claims/${other.id}/similar`).set(as(editor)).expect(200)).body.items as Item[]).find((i) => i.claim.id === minesA)?.score ?? 0;
    const before = await scoreOfMinesA();
    expect(before).toBeLessThan(0.3);
    await t.http.patch(`/api/claims/${other.id}`).set(as(editor)).send({ text: 'Sappers neutralised 1,230 mines in the city of Palmyra.', version: other.version }).expect(200);
    expect(await scoreOfMinesA()).toBeGreaterThan(before + 0.3);
  });

  it('links two claims as the same claim, and the cluster lists every appearance and who said it', async () => {
    const response = await t.http.post(`/api/claims/${relay.id}/matches`).set(as(editor)).send({ otherClaimId: minesA, action: 'link' }).expect(200);
    expect(response.body).toMatchObject({ action: 'link', claimId: relay.id, otherClaimId: minesA });
    const cluster = response.body.cluster;
    expect(cluster.canonicalText).toBe('Syrian sappers have neutralised 1,230 mines in Palmyra.');
    expect(cluster.appearances.map((a: { claimId: number }) => a.claimId).sort()).toEqual([minesA, relay.id].sort());
    const sample = cluster.appearances.find((a: { claimId: number }) => a.claimId === minesA);
    expect(sample).toMatchObject({ articleId: sampleId, chain: expect.stringContaining('Centre'), status: 'draft' });
    expect(cluster.appearances.find((a: { claimId: number }) => a.claimId === relay.id).chain).toBe('(no named source)');
    expect(cluster.sources).toEqual([expect.objectContaining({ asSpeaker: 1, asRelay: 0 })]);

    // A third claim joins the cluster; the canonical wording may be set.
    await t.http.post(`/api/claims/${minesB}/matches`).set(as(maria)).send({ otherClaimId: minesA, action: 'link', canonicalText: 'Syrian sappers neutralised 1,230 mines in Palmyra' }).expect(200);
    const view = (await t.http.get(`/api/claims/${relay.id}/cluster`).set(as(editor)).expect(200)).body.cluster;
    expect(view.appearances).toHaveLength(3);
    expect(view.canonicalText).toBe('Syrian sappers neutralised 1,230 mines in Palmyra');
    expect(view.sources[0]).toMatchObject({ asSpeaker: 2 });
    expect(await t.count('claim_cluster_members')).toBe(3);
    expect(await t.count('claim_clusters')).toBe(1);
    const audit = await t.dataSource.query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'match.link'");
    expect(Number(audit[0].n)).toBe(2);

    const similar = (await t.http.get(`/api/claims/${relay.id}/similar`).set(as(editor)).expect(200)).body.items as Item[];
    expect(similar.find((i) => i.claim.id === minesA)?.sameCluster).toBe(true);
    // Linked, they are no longer reported as duplicates.
    const duplicates = (await t.http.get(`/api/articles/${sampleId}/duplicates`).set(as(editor)).expect(200)).body.items;
    expect(duplicates.find((p: { claim: { id: number }; other: { id: number } }) => p.claim.id === minesA && p.other.id === minesB)).toBeUndefined();
  });

  it('remembers a dismissed match and no longer suggests it', async () => {
    const similar = (await t.http.get(`/api/claims/${minesA}/similar`).set(as(editor)).expect(200)).body.items as Item[];
    const stranger = similar.find((i) => !i.sameCluster && i.claim.id !== relay.id)!;
    expect(stranger).toBeDefined();
    await t.http.post(`/api/claims/${minesA}/matches`).set(as(editor)).send({ otherClaimId: stranger.claim.id, action: 'dismiss' }).expect(200, {
      action: 'dismiss',
      claimId: minesA,
      otherClaimId: stranger.claim.id,
      cluster: null,
    });
    // Twice is the same as once.
    await t.http.post(`/api/claims/${stranger.claim.id}/matches`).set(as(editor)).send({ otherClaimId: minesA, action: 'dismiss' }).expect(200);
    expect(await t.count('claim_match_dismissals')).toBe(1);
    const after = (await t.http.get(`/api/claims/${minesA}/similar`).set(as(editor)).expect(200)).body.items as Item[];
    expect(after.map((i) => i.claim.id)).not.toContain(stranger.claim.id);
    const back = (await t.http.get(`/api/claims/${stranger.claim.id}/similar`).set(as(editor)).expect(200)).body.items as Item[];
    expect(back.map((i) => i.claim.id)).not.toContain(minesA);
  });

  it('refuses bad match requests, naming the field, and changes nothing', async () => {
    const before = await t.count('audit_events');
    const bad = await t.http.post(`/api/claims/${minesA}/matches`).set(as(editor)).send({ otherClaimId: minesA, action: 'link' }).expect(422);
    expect(bad.body.errors).toEqual([{ field: 'otherClaimId', reason: 'is the claim itself' }]);
    const missing = await t.http.post(`/api/claims/${minesA}/matches`).set(as(editor)).send({ otherClaimId: 999999, action: 'link' }).expect(422);
    expect(missing.body.errors[0].field).toBe('otherClaimId');
    const linked = await t.http.post(`/api/claims/${minesA}/matches`).set(as(editor)).send({ otherClaimId: minesB, action: 'dismiss' }).expect(422);
    expect(linked.body.errors[0].field).toBe('action');
    const invalid = await t.http.post(`/api/claims/${minesA}/matches`).set(as(editor)).send({ otherClaimId: minesB, action: 'merge' }).expect(400);
    expect(JSON.stringify(invalid.body)).toContain('action');
    await t.http.post(`/api/claims/999999/matches`).set(as(editor)).send({ otherClaimId: minesB, action: 'link' }).expect(404);
    await t.http.get('/api/claims/999999/similar').set(as(editor)).expect(404);
    await t.http.post(`/api/claims/${minesA}/matches`).send({ otherClaimId: minesB, action: 'link' }).expect(401);
    expect(await t.count('audit_events')).toBe(before);
  });

  it('lets a reviewer reuse a published verdict of the same cluster, still under four eyes', async () => {
    // Publish minesB: editor cannot move a seeded draft (no editor), an admin can.
    const admin = await t.signIn('admin');
    let claim = (await t.http.get(`/api/claims/${minesB}`).set(as(admin)).expect(200)).body;
    claim = (await t.http.post(`/api/claims/${minesB}/transitions`).set(as(admin)).send({ to: 'submitted', version: claim.version }).expect(200)).body;
    claim = (await t.http.post(`/api/claims/${minesB}/transitions`).set(as(maria)).send({ to: 'in_review', version: claim.version }).expect(200)).body;
    await t.http.post(`/api/claims/${minesB}/evidence`).set(as(maria)).send({ url: 'https://example.org/evidence', title: 'Statement', stance: 'context' }).expect(201);
    claim = (await t.http.get(`/api/claims/${minesB}`).set(as(maria)).expect(200)).body;
    claim = (await t.http.post(`/api/claims/${minesB}/verdicts`).set(as(maria)).send({ rating: 'unverifiable', rationale: 'No independent count.', version: claim.version }).expect(201)).body;
    claim = (await t.http.post(`/api/claims/${minesB}/transitions`).set(as(nadia)).send({ to: 'published', version: claim.version }).expect(200)).body;
    const published = claim.currentVerdict.id as number;
    publishedVerdict = published;

    // The relay in the second article now shows the published claim with its verdict.
    const similar = (await t.http.get(`/api/claims/${relay.id}/similar`).set(as(editor)).expect(200)).body.items as Item[];
    const hit = similar.find((i) => i.claim.id === minesB)!;
    expect(hit).toMatchObject({ rating: 'unverifiable', verdictId: published, sameCluster: true });

    // The relay goes through review, reusing the verdict.
    let mine = (await t.http.post(`/api/claims/${relay.id}/transitions`).set(as(editor)).send({ to: 'submitted', version: relay.version }).expect(200)).body;
    mine = (await t.http.post(`/api/claims/${relay.id}/transitions`).set(as(nadia)).send({ to: 'in_review', version: mine.version }).expect(200)).body;
    await t.http.post(`/api/claims/${relay.id}/evidence`).set(as(nadia)).send({ url: 'https://example.org/evidence', title: 'Statement', stance: 'context' }).expect(201);
    mine = (await t.http.get(`/api/claims/${relay.id}`).set(as(nadia)).expect(200)).body;
    const notLinked = await t.http
      .post(`/api/claims/${relay.id}/verdicts`)
      .set(as(nadia))
      .send({ rating: 'unverifiable', rationale: 'Same claim.', version: mine.version, reusesVerdictId: 999999 })
      .expect(422);
    expect(notLinked.body.errors[0].field).toBe('reusesVerdictId');
    mine = (
      await t.http
        .post(`/api/claims/${relay.id}/verdicts`)
        .set(as(nadia))
        .send({ rating: 'unverifiable', rationale: 'Same claim as the sample article; see its verdict.', version: mine.version, reusesVerdictId: published })
        .expect(201)
    ).body;
    expect(mine.currentVerdict.reusesVerdictId).toBe(published);
    const [row] = await t.dataSource.query(`SELECT reuses_verdict_id FROM verdicts WHERE claim_id = ${relay.id}`);
    expect(Number(row.reuses_verdict_id)).toBe(published);
    // Four eyes: the proposer cannot publish it herself.
    await t.http.post(`/api/claims/${relay.id}/transitions`).set(as(nadia)).send({ to: 'published', version: mine.version }).expect(403);
    await t.http.post(`/api/claims/${relay.id}/transitions`).set(as(maria)).send({ to: 'published', version: mine.version }).expect(200);
  });

  it('refuses to reuse the published verdict of a claim that is not linked as the same claim', async () => {
    let claim = (await t.http.get(`/api/claims/${unlinked}`).set(as(editor)).expect(200)).body;
    claim = (await t.http.post(`/api/claims/${unlinked}/transitions`).set(as(editor)).send({ to: 'submitted', version: claim.version }).expect(200)).body;
    claim = (await t.http.post(`/api/claims/${unlinked}/transitions`).set(as(maria)).send({ to: 'in_review', version: claim.version }).expect(200)).body;
    await t.http.post(`/api/claims/${unlinked}/evidence`).set(as(maria)).send({ url: 'https://example.org/e2', title: 'Statement', stance: 'context' }).expect(201);
    claim = (await t.http.get(`/api/claims/${unlinked}`).set(as(maria)).expect(200)).body;
    const refused = await t.http
      .post(`/api/claims/${unlinked}/verdicts`)
      .set(as(maria))
      .send({ rating: 'unverifiable', rationale: 'Same?', version: claim.version, reusesVerdictId: publishedVerdict })
      .expect(422);
    expect(refused.body.errors).toEqual([{ field: 'reusesVerdictId', reason: 'its claim is not linked to this one as the same claim' }]);
    expect((await t.http.get(`/api/claims/${unlinked}`).set(as(maria)).expect(200)).body).toMatchObject({ status: 'in_review', verdicts: [] });
  });

  it('imports ClaimReview (a page\'s @graph and Fact Check Tools JSON), deduplicated by url, and shows external matches', async () => {
    const first = io();
    expect(await runCli(['factchecks:import', fixture('claimreview-page.jsonld')], first)).toBe(0);
    expect(first.out()).toContain('4 entries: taken 2, skipped 0, refused 1, ignored 1 (not ClaimReview).');
    expect(first.out()).toContain('refused #4: no url');
    expect(first.out()).toContain('ignored #1: not a ClaimReview (WebPage)');
    expect(first.err()).toContain('100%');
    const second = io();
    expect(await runCli(['factchecks:import', fixture('factcheck-tools.json')], second)).toBe(0);
    expect(second.out()).toContain('3 entries: taken 1, skipped 1, refused 1.');
    expect(second.out()).toContain('already imported: https://factcheck.example.org/palmyra-mines');
    expect(await t.count('external_fact_checks')).toBe(3);
    const [stored] = await t.dataSource.query("SELECT publisher, claimant, rating, review_date, language FROM external_fact_checks WHERE url = 'https://verif.example.fr/palmyre-3000'");
    expect(stored).toEqual({ publisher: 'Vérif Exemple', claimant: 'Ministère russe de la Défense', rating: 'Invérifiable', review_date: '2016-04-22', language: 'fr' });

    const external = (await t.http.get(`/api/claims/${minesA}/external-matches`).set(as(editor)).expect(200)).body.items;
    expect(external[0]).toMatchObject({ url: 'https://factcheck.example.org/palmyra-mines', publisher: 'Example Fact Check', rating: 'Unproven', claimant: 'Russian Reconciliation Centre', reviewDate: '2016-04-12', language: 'en' });
    expect(external.map((e: { url: string }) => e.url)).not.toContain('https://factcheck.example.org/bread-prices');
    // Matches never change a verdict.
    expect((await t.http.get(`/api/claims/${minesA}`).set(as(editor)).expect(200)).body.verdicts).toEqual([]);
  });

  it('refuses a file that is not JSON or not ClaimReview with a clear error, and imports a file of several batches whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-fc-'));
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{"claims": [');
    const cli = io();
    expect(await runCli(['factchecks:import', notJson], cli)).toBe(2);
    expect(cli.err()).toContain('cannot read');
    const missing = io();
    expect(await runCli(['factchecks:import', join(dir, 'nowhere.json')], missing)).toBe(2);
    expect(missing.err()).toContain('nowhere.json does not exist. Nothing was imported.');
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ hello: 'world' }));
    const cli2 = io();
    expect(await runCli(['factchecks:import', other], cli2)).toBe(2);
    expect(cli2.err()).toContain('Not ClaimReview');
    expect(await t.count('external_fact_checks')).toBe(3);
    const batchClash = join(dir, 'bulk.json');
    const reviews = Array.from({ length: 700 }, (_, i) => ({ '@type': 'ClaimReview', url: `https://bulk.example.org/${i}`, claimReviewed: `Bulk claim ${i}` }));
    writeFileSync(batchClash, JSON.stringify(reviews));
    const before = await t.count('external_fact_checks');
    const cli3 = io();
    expect(await runCli(['factchecks:import', batchClash], cli3)).toBe(0);
    expect(cli3.out()).toContain('700 entries: taken 700, skipped 0, refused 0.');
    expect(await t.count('external_fact_checks')).toBe(before + 700);
  });

  it('rebuilds the search indexes with search:reindex', async () => {
    await t.dataSource.query("UPDATE claims SET match_text = '' WHERE id = " + minesB);
    const empty = (await t.http.get(`/api/claims/${minesA}/similar`).set(as(editor)).expect(200)).body.items as Item[];
    expect(empty.map((i) => i.claim.id)).not.toContain(minesB);
    const cli = io();
    expect(await runCli(['search:reindex'], cli)).toBe(0);
    expect(cli.out()).toMatch(/Reindexed \d+ claim\(s\) and 703 fact-check\(s\)/);
    const back = (await t.http.get(`/api/claims/${minesA}/similar`).set(as(editor)).expect(200)).body.items as Item[];
    expect(back.map((i) => i.claim.id)).toContain(minesB);
  });
});

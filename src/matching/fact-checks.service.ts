import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Transactions } from '../database/transactions';
import { ClaimReviewFormatError, readClaimReviews } from './claim-review';
import { ExternalFactCheck } from './matching.entities';
import { Claim } from '../claims/claim.entity';
import { claimMatchSource, matchText } from './normalise';
import { Corpus, rebuildIndex } from './search-engine';

export interface ImportReport {
  /** Entries read from the file: taken + skipped + refused + ignored. */
  entries: number;
  taken: number;
  skipped: { index: number; reason: string }[];
  refused: { index: number; reason: string }[];
  /** JSON-LD nodes of other types (the page's Organization, WebPage…), left alone. */
  ignored: { index: number; reason: string }[];
}

export interface ImportProgress {
  done: number;
  total: number;
}

const BATCH = 500;

/** External fact-checks (imported ClaimReview) and the search index's upkeep. */
@Injectable()
export class FactChecksService {
  constructor(private readonly tx: Transactions) {}

  /**
   * Imports the ClaimReviews of a parsed JSON document in one transaction: rows whose url is
   * already known (in the database or earlier in the file) are skipped, rows without a usable url
   * or claim are refused, with reasons. A file of another shape throws before anything is written.
   */
  async import(document: unknown, onProgress?: (p: ImportProgress) => void): Promise<ImportReport> {
    const rows = readClaimReviews(document);
    const report: ImportReport = { entries: rows.length, taken: 0, skipped: [], refused: [], ignored: [] };
    for (const r of rows) if (!r.ok) (r.ignored ? report.ignored : report.refused).push({ index: r.index, reason: r.reason });
    const candidates = rows.flatMap((r) => (r.ok ? [{ index: r.index, value: r.value }] : []));
    await this.tx.run(async (manager) => {
      const seen = new Set<string>();
      for (let i = 0; i < candidates.length; i += BATCH) {
        const batch = candidates.slice(i, i + BATCH);
        const known = new Set(
          (await manager.find(ExternalFactCheck, { select: ['url'], where: { url: In(batch.map((c) => c.value.url)) } })).map((f) => f.url),
        );
        const fresh = [];
        for (const c of batch) {
          if (known.has(c.value.url)) report.skipped.push({ index: c.index, reason: `already imported: ${c.value.url}` });
          else if (seen.has(c.value.url)) report.skipped.push({ index: c.index, reason: `same url earlier in the file: ${c.value.url}` });
          else {
            seen.add(c.value.url);
            fresh.push(c.value);
          }
        }
        const now = new Date();
        if (fresh.length) await manager.insert(ExternalFactCheck, fresh.map((f) => ({ ...f, matchText: matchText(f.claimReviewed), importedAt: now })));
        report.taken += fresh.length;
        onProgress?.({ done: Math.min(i + BATCH, candidates.length), total: candidates.length });
      }
    });
    return report;
  }

  /** Recomputes match_text of every claim and fact-check and rebuilds the search indexes, in one transaction. */
  async reindex(onProgress?: (p: ImportProgress & { corpus: Corpus }) => void): Promise<{ claims: number; factChecks: number }> {
    return this.tx.run(async (manager) => {
      const claims = await this.recompute(manager, 'claims', (p) => onProgress?.({ ...p, corpus: 'claims' }));
      const factChecks = await this.recompute(manager, 'external_fact_checks', (p) => onProgress?.({ ...p, corpus: 'external_fact_checks' }));
      await rebuildIndex(manager, 'claims');
      await rebuildIndex(manager, 'external_fact_checks');
      // The claim list's search (q=) index on SQLite, kept by triggers like the others; PostgreSQL's GIN index needs no rebuild.
      if (manager.connection.options.type !== 'postgres') await manager.query(`INSERT INTO claim_text_trigrams(claim_text_trigrams) VALUES ('rebuild')`);
      return { claims, factChecks };
    });
  }

  private async recompute(manager: EntityManager, corpus: Corpus, onProgress: (p: ImportProgress) => void): Promise<number> {
    const entity = corpus === 'claims' ? Claim : ExternalFactCheck;
    const total = await manager.count(entity);
    let done = 0;
    let after = 0;
    for (;;) {
      const rows =
        corpus === 'claims'
          ? (await manager.getRepository(Claim).createQueryBuilder('c').select(['c.id', 'c.text', 'c.quote', 'c.matchText']).where('c.id > :after', { after }).orderBy('c.id').limit(BATCH).getMany()).map(
              (c) => ({ id: c.id, current: c.matchText, next: matchText(claimMatchSource(c)) }),
            )
          : (await manager.getRepository(ExternalFactCheck).createQueryBuilder('f').select(['f.id', 'f.claimReviewed', 'f.matchText']).where('f.id > :after', { after }).orderBy('f.id').limit(BATCH).getMany()).map(
              (f) => ({ id: f.id, current: f.matchText, next: matchText(f.claimReviewed) }),
            );
      if (rows.length === 0) break;
      for (const r of rows) {
        if (r.current === r.next) continue;
        // version stays: reindexing is not an edit, and must not make anyone's open form stale.
        const set = corpus === 'claims' ? { matchText: r.next, version: () => 'version' } : { matchText: r.next };
        await manager.createQueryBuilder().update(entity).set(set).where('id = :id', { id: r.id }).execute();
      }
      done += rows.length;
      after = rows.at(-1)!.id;
      onProgress({ done, total });
    }
    return total;
  }
}

export { ClaimReviewFormatError };

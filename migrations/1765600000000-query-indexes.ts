import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// Composite indexes for the filters and orders the API offers (issue 14), so that a page of a
// filtered list is read in order from an index and stops at the page, instead of scanning and
// sorting every match. Written with the QueryRunner schema API: the same file runs on SQLite and
// PostgreSQL. EXPLAIN of each query is checked in test/e2e/query-plans.e2e-spec.ts.
const INDEXES: [table: string, name: string, columns: string[]][] = [
  // claim lists in article order, filtered by status (and kind), by kind, by unattributed
  ['claims', 'ix_claims_status_kind_position', ['status', 'kind', 'article_id', 'start_offset', 'end_offset']],
  ['claims', 'ix_claims_kind_position', ['kind', 'article_id', 'start_offset', 'end_offset']],
  ['claims', 'ix_claims_unattributed_position', ['unattributed', 'article_id', 'start_offset', 'end_offset']],
  // the review queue, oldest first: untaken submitted claims (assignee_id IS NULL) and a reviewer's
  // own; created_by_id makes it covering, so the exact count (four eyes: not your own) reads no rows
  ['claims', 'ix_claims_assignee_queue', ['assignee_id', 'status', 'created_at', 'id', 'created_by_id']],
  // claims naming a source (as speaker: position 0), and the ledger's (source, claim, role) pairs
  ['attributions', 'ix_attributions_source_position', ['source_id', 'position', 'claim_id']],
  // the latest verdict of a claim
  ['verdicts', 'ix_verdicts_claim_latest', ['claim_id', 'id']],
  // a page of claims' corrections (reports): by claim, not by the to_status of every transition
  ['claim_transitions', 'ix_claim_transitions_claim_to_status', ['claim_id', 'to_status']],
];

export class QueryIndexes1765600000000 implements MigrationInterface {
  name = 'QueryIndexes1765600000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES) await q.createIndex(table, new TableIndex({ name, columnNames }));
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) await q.dropIndex(table, name);
  }
}

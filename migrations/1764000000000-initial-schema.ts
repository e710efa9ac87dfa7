import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKeyOptions, TableIndexOptions } from 'typeorm';

// Written with the QueryRunner schema API only, so the same file runs on SQLite and PostgreSQL.
// The helpers are local on purpose: a migration is frozen history and must not change when
// application code does.

const id = (table: string): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
  primaryKeyConstraintName: `pk_${table}`,
});
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', isNullable: false });
/** ISO-8601 UTC instant, fixed width. */
const instant = (name: string, nullable = false): TableColumnOptions => str(name, 24, nullable);
/** YYYY-MM-DD. */
const day = (name: string): TableColumnOptions => str(name, 10, true);
const version = (): TableColumnOptions => int('version');
const fk = (
  table: string,
  column: string,
  target: string,
  name: string,
  onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL',
): TableForeignKeyOptions => ({
  name: `fk_${table}_${name}`,
  columnNames: [column],
  referencedTableName: target,
  referencedColumnNames: ['id'],
  onDelete,
});
const ix = (name: string, columns: string[], unique = false): TableIndexOptions => ({
  name,
  columnNames: columns,
  isUnique: unique,
});

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id('users'),
          str('username', 64),
          str('display_name', 200),
          str('password_hash', 255),
          str('role', 16),
          bool('active'),
          instant('created_at'),
          instant('updated_at'),
          version(),
        ],
        indices: [ix('uq_users_username', ['username'], true), ix('ix_users_role', ['role'])],
      }),
    );

    await q.createTable(
      new Table({
        name: 'access_tokens',
        columns: [
          id('access_tokens'),
          str('token_hash', 64),
          int('user_id'),
          instant('created_at'),
          instant('expires_at'),
          instant('revoked_at', true),
        ],
        foreignKeys: [fk('access_tokens', 'user_id', 'users', 'user', 'CASCADE')],
        indices: [
          ix('uq_access_tokens_token_hash', ['token_hash'], true),
          ix('ix_access_tokens_user_id', ['user_id']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'sources',
        columns: [
          id('sources'),
          str('name', 200),
          str('name_folded', 200),
          str('kind', 32),
          str('country', 2, true),
          int('parent_id', true),
          str('description', 500, true),
          str('affiliation_note', 1000, true),
          str('homepage', 2048, true),
          instant('created_at'),
          instant('updated_at'),
          version(),
        ],
        foreignKeys: [fk('sources', 'parent_id', 'sources', 'parent', 'RESTRICT')],
        indices: [
          ix('uq_sources_name_folded', ['name_folded'], true),
          ix('ix_sources_kind', ['kind']),
          ix('ix_sources_country', ['country']),
          ix('ix_sources_parent_id', ['parent_id']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'source_aliases',
        columns: [id('source_aliases'), int('source_id'), str('alias', 200), str('alias_folded', 200)],
        foreignKeys: [fk('source_aliases', 'source_id', 'sources', 'source', 'CASCADE')],
        indices: [
          ix('uq_source_aliases_source_alias', ['source_id', 'alias_folded'], true),
          ix('ix_source_aliases_source_id', ['source_id']),
          ix('ix_source_aliases_alias_folded', ['alias_folded']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'articles',
        columns: [
          id('articles'),
          str('title', 500),
          str('title_folded', 500),
          int('outlet_id', true),
          str('url', 2048, true),
          str('language', 35),
          day('published_date'),
          text('body'),
          str('body_sha256', 64),
          int('created_by_id', true),
          instant('created_at'),
          instant('updated_at'),
          version(),
        ],
        foreignKeys: [
          fk('articles', 'outlet_id', 'sources', 'outlet', 'RESTRICT'),
          fk('articles', 'created_by_id', 'users', 'created_by', 'SET NULL'),
        ],
        indices: [
          ix('ix_articles_title_folded', ['title_folded']),
          ix('ix_articles_outlet_id', ['outlet_id']),
          ix('ix_articles_language', ['language']),
          ix('ix_articles_published_date', ['published_date']),
          ix('ix_articles_created_by_id', ['created_by_id']),
          ix('ix_articles_created_at', ['created_at']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'claims',
        columns: [
          id('claims'),
          int('article_id'),
          str('text', 2000),
          text('quote'),
          int('start_offset'),
          int('end_offset'),
          text('search_folded'),
          str('kind', 16),
          str('status', 24),
          bool('unattributed'),
          str('note', 2000, true),
          int('assignee_id', true),
          int('created_by_id', true),
          instant('created_at'),
          instant('updated_at'),
          version(),
        ],
        foreignKeys: [
          fk('claims', 'article_id', 'articles', 'article', 'RESTRICT'),
          fk('claims', 'assignee_id', 'users', 'assignee', 'SET NULL'),
          fk('claims', 'created_by_id', 'users', 'created_by', 'SET NULL'),
        ],
        indices: [
          ix('ix_claims_article_position', ['article_id', 'start_offset', 'end_offset']),
          ix('ix_claims_kind', ['kind']),
          ix('ix_claims_status', ['status']),
          ix('ix_claims_unattributed', ['unattributed']),
          ix('ix_claims_assignee_id', ['assignee_id']),
          ix('ix_claims_created_by_id', ['created_by_id']),
          ix('ix_claims_created_at', ['created_at']),
          ix('ix_claims_updated_at', ['updated_at']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'attributions',
        columns: [
          id('attributions'),
          int('claim_id'),
          int('position'),
          int('source_id'),
          str('verb', 200),
          str('mode', 16),
          str('said_when', 200, true),
          str('said_where', 200, true),
        ],
        foreignKeys: [
          fk('attributions', 'claim_id', 'claims', 'claim', 'CASCADE'),
          fk('attributions', 'source_id', 'sources', 'source', 'RESTRICT'),
        ],
        indices: [
          ix('uq_attributions_claim_position', ['claim_id', 'position'], true),
          ix('ix_attributions_claim_id', ['claim_id']),
          ix('ix_attributions_source_id', ['source_id']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'evidence_links',
        columns: [
          id('evidence_links'),
          int('claim_id'),
          str('url', 2048),
          str('title', 500),
          str('publisher', 200, true),
          str('stance', 16),
          str('excerpt', 5000, true),
          day('accessed_date'),
          str('archive_url', 2048, true),
          int('added_by_id', true),
          instant('created_at'),
        ],
        foreignKeys: [
          fk('evidence_links', 'claim_id', 'claims', 'claim', 'CASCADE'),
          fk('evidence_links', 'added_by_id', 'users', 'added_by', 'SET NULL'),
        ],
        indices: [ix('ix_evidence_links_claim_id', ['claim_id']), ix('ix_evidence_links_stance', ['stance'])],
      }),
    );

    await q.createTable(
      new Table({
        name: 'verdicts',
        columns: [
          id('verdicts'),
          int('claim_id'),
          str('rating', 16),
          text('rationale'),
          int('reviewer_id', true),
          instant('created_at'),
          instant('published_at', true),
          int('published_by_id', true),
        ],
        foreignKeys: [
          fk('verdicts', 'claim_id', 'claims', 'claim', 'RESTRICT'),
          fk('verdicts', 'reviewer_id', 'users', 'reviewer', 'SET NULL'),
          fk('verdicts', 'published_by_id', 'users', 'published_by', 'SET NULL'),
        ],
        indices: [
          ix('ix_verdicts_claim_id', ['claim_id']),
          ix('ix_verdicts_rating', ['rating']),
          ix('ix_verdicts_reviewer_id', ['reviewer_id']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'comments',
        columns: [id('comments'), int('claim_id'), int('author_id', true), text('body'), instant('created_at')],
        foreignKeys: [
          fk('comments', 'claim_id', 'claims', 'claim', 'CASCADE'),
          fk('comments', 'author_id', 'users', 'author', 'SET NULL'),
        ],
        indices: [ix('ix_comments_claim_id', ['claim_id'])],
      }),
    );

    await q.createTable(
      new Table({
        name: 'claim_transitions',
        columns: [
          id('claim_transitions'),
          int('claim_id'),
          str('from_status', 24),
          str('to_status', 24),
          str('reason', 2000, true),
          int('user_id', true),
          instant('at'),
        ],
        foreignKeys: [
          fk('claim_transitions', 'claim_id', 'claims', 'claim', 'CASCADE'),
          fk('claim_transitions', 'user_id', 'users', 'user', 'SET NULL'),
        ],
        indices: [
          ix('ix_claim_transitions_claim_id', ['claim_id']),
          ix('ix_claim_transitions_to_status', ['to_status']),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          id('audit_events'),
          instant('at'),
          int('user_id', true),
          str('username', 64, true),
          str('action', 48),
          str('entity_type', 32),
          int('entity_id'),
          int('claim_id', true),
          text('before', true),
          text('after', true),
        ],
        indices: [
          ix('ix_audit_events_entity', ['entity_type', 'entity_id']),
          ix('ix_audit_events_at', ['at']),
          ix('ix_audit_events_user_id', ['user_id']),
          ix('ix_audit_events_action', ['action']),
          ix('ix_audit_events_claim_id', ['claim_id']),
        ],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_events',
      'claim_transitions',
      'comments',
      'verdicts',
      'evidence_links',
      'attributions',
      'claims',
      'articles',
      'source_aliases',
      'sources',
      'access_tokens',
      'users',
    ]) {
      await q.dropTable(table);
    }
  }
}

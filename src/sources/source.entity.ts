import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { InstantColumnOptions } from '../database/columns';

export const SOURCE_KINDS = [
  'outlet',
  'news_agency',
  'government_body',
  'military_unit',
  'organisation',
  'person',
  'document',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

@Entity('sources')
export class Source {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Lower-case, accent-free form of the name: search and uniqueness work on it on every database. */
  @Index('uq_sources_name_folded', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  nameFolded: string;

  @Index('ix_sources_kind')
  @Column({ type: 'varchar', length: 32 })
  kind: SourceKind;

  /** ISO 3166-1 alpha-2. */
  @Index('ix_sources_country')
  @Column({ type: 'varchar', length: 2, nullable: true })
  country: string | null;

  @Index('ix_sources_parent_id')
  @Column({ type: 'integer', nullable: true })
  parentId: number | null;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_sources_parent' })
  parent?: Relation<Source> | null;

  /** The role or title as articles give it ("chef du département Opérations ..."). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  /** State affiliation or ownership ("Russian state-owned, Rossiya Segodnya"). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  affiliationNote: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  homepage: string | null;

  @OneToMany(() => SourceAlias, (alias) => alias.source)
  aliases?: Relation<SourceAlias[]>;

  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions())
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

@Entity('source_aliases')
@Index('uq_source_aliases_source_alias', ['sourceId', 'aliasFolded'], { unique: true })
export class SourceAlias {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_source_aliases_source_id')
  @Column({ type: 'integer' })
  sourceId: number;

  @ManyToOne(() => Source, (source) => source.aliases, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'fk_source_aliases_source' })
  source?: Relation<Source>;

  @Column({ type: 'varchar', length: 200 })
  alias: string;

  @Index('ix_source_aliases_alias_folded')
  @Column({ type: 'varchar', length: 200 })
  aliasFolded: string;
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn, type Relation } from 'typeorm';
import { DateOnlyColumnOptions, InstantColumnOptions } from '../database/columns';
import { Source } from '../sources/source.entity';
import { User } from '../users/user.entity';

@Entity('articles')
export class Article {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Index('ix_articles_title_folded')
  @Column({ type: 'varchar', length: 500 })
  titleFolded: string;

  @Index('ix_articles_outlet_id')
  @Column({ type: 'integer', nullable: true })
  outletId: number | null;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'outlet_id', foreignKeyConstraintName: 'fk_articles_outlet' })
  outlet?: Relation<Source> | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  url: string | null;

  /** BCP 47 tag, e.g. `fr`. */
  @Index('ix_articles_language')
  @Column({ type: 'varchar', length: 35 })
  language: string;

  @Index('ix_articles_published_date')
  @Column(DateOnlyColumnOptions())
  publishedDate: string | null;

  /** The verbatim text; never altered once a claim anchors to it. Offsets count UTF-16 code units. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 64 })
  bodySha256: string;

  @Index('ix_articles_created_by_id')
  @Column({ type: 'integer', nullable: true })
  createdById: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_articles_created_by' })
  createdBy?: Relation<User> | null;

  @Index('ix_articles_created_at')
  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions())
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

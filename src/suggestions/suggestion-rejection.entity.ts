import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Article } from '../articles/article.entity';
import { InstantColumnOptions } from '../database/columns';
import { User } from '../users/user.entity';

/** A suggestion the desk rejected, keyed by article, offsets and the SHA-256 of its quote. */
@Entity('suggestion_rejections')
@Index('uq_suggestion_rejections_key', ['articleId', 'start', 'end', 'quoteHash'], { unique: true })
export class SuggestionRejection {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  articleId: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_suggestion_rejections_article' })
  article?: Relation<Article>;

  @Column({ type: 'integer', name: 'start_offset' })
  start: number;

  @Column({ type: 'integer', name: 'end_offset' })
  end: number;

  @Column({ type: 'varchar', length: 64 })
  quoteHash: string;

  @Index('ix_suggestion_rejections_rejected_by_id')
  @Column({ type: 'integer', nullable: true })
  rejectedById: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'rejected_by_id', foreignKeyConstraintName: 'fk_suggestion_rejections_rejected_by' })
  rejectedBy?: Relation<User> | null;

  @Column(InstantColumnOptions())
  createdAt: Date;
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Article } from '../articles/article.entity';
import { Claim } from '../claims/claim.entity';
import { InstantColumnOptions } from '../database/columns';
import { User } from '../users/user.entity';
import type { Delivery, NotificationKind } from './kinds';

/** One thing a user hears about (their inbox), written in the same transaction as the event. */
@Entity('notifications')
@Index('ix_notifications_user_id', ['userId', 'id'])
@Index('ix_notifications_user_unread', ['userId', 'readAt'])
@Index('ix_notifications_digest', ['delivery', 'digestedAt'])
export class Notification {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notifications_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 24 })
  kind: NotificationKind;

  @Index('ix_notifications_claim_id')
  @Column({ type: 'integer', nullable: true })
  claimId: number | null;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_notifications_claim' })
  claim?: Relation<Claim>;

  /** Who caused it (null: the system); the name is kept as it was then. */
  @Column({ type: 'integer', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actorName: string | null;

  /** One line in words, e.g. `maria assigned you claim #12: “…”`. */
  @Column({ type: 'varchar', length: 500 })
  summary: string;

  /**
   * What the summary is made of (JSON: kind, actor, claim id, claim text excerpt, detail code or
   * webhook url), so the inbox, API and digest word it in the reader's language; null on rows
   * written before (they show `summary`, English).
   */
  @Column({ type: 'text', nullable: true })
  summaryParams: string | null;

  /** Where the notification leads when it is not about a claim (a path such as `/webhooks/3`), or null. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  link: string | null;

  /** A longer excerpt for the e-mail (the comment, the reason, the rationale), or null. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  excerpt: string | null;

  /** How the recipient chose to hear of this kind when it happened. */
  @Column({ type: 'varchar', length: 16 })
  delivery: Delivery;

  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions({ nullable: true }))
  readAt: Date | null;

  /** When a daily digest took it (delivery `digest` only). */
  @Column(InstantColumnOptions({ nullable: true }))
  digestedAt: Date | null;
}

/** A user watching a claim or a whole article (exactly one of the two is set). */
@Entity('watches')
@Index('uq_watches_user_claim', ['userId', 'claimId'], { unique: true })
@Index('uq_watches_user_article', ['userId', 'articleId'], { unique: true })
export class Watch {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_watches_user' })
  user?: Relation<User>;

  @Index('ix_watches_claim_id')
  @Column({ type: 'integer', nullable: true })
  claimId: number | null;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_watches_claim' })
  claim?: Relation<Claim>;

  @Index('ix_watches_article_id')
  @Column({ type: 'integer', nullable: true })
  articleId: number | null;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_watches_article' })
  article?: Relation<Article>;

  @Column(InstantColumnOptions())
  createdAt: Date;
}

/** A user's e-mail address and, per kind of event, how they hear of it. */
@Entity('notification_settings')
export class NotificationSettings {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_notification_settings' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_settings_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** `{ kind: delivery }`; a kind not named is in-app only. */
  @Column({ type: 'simple-json' })
  preferences: Partial<Record<NotificationKind, Delivery>>;

  @Column(InstantColumnOptions({ nullable: true }))
  lastDigestAt: Date | null;
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn, type Relation } from 'typeorm';
import { InstantColumnOptions } from '../database/columns';
import { User } from '../users/user.entity';

/** A receiver of signed webhook deliveries, registered by an admin. */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 200 })
  description: string;

  /** Signs every delivery, so it is stored as given; never selected unless asked for (deliveries only). */
  @Column({ type: 'varchar', length: 200, select: false })
  secret: string;

  /** false after an admin turned it off, or after WEBHOOK_DISABLE_AFTER failed tries in a row. */
  @Column({ type: 'boolean' })
  active: boolean;

  /** Failed tries since the last success. */
  @Column({ type: 'integer' })
  consecutiveFailures: number;

  @Column(InstantColumnOptions({ nullable: true }))
  disabledAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  disabledReason: string | null;

  @Column({ type: 'integer', nullable: true })
  createdById: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_webhook_endpoints_created_by' })
  createdBy?: Relation<User> | null;

  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions())
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** One event an endpoint subscribes to: the listener finds an event's endpoints by `event` in the index. */
@Entity('webhook_subscriptions')
@Index('ix_webhook_subscriptions_event', ['event', 'endpointId'])
export class WebhookSubscription {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_webhook_subscriptions' })
  endpointId: number;

  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'pk_webhook_subscriptions' })
  event: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'fk_webhook_subscriptions_endpoint' })
  endpoint?: Relation<WebhookEndpoint>;
}

export const DELIVERY_OUTCOMES = ['delivered', 'failed', 'refused'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** One try of one delivery: the endpoint's delivery log (newest first by id). */
@Entity('webhook_deliveries')
@Index('ix_webhook_deliveries_endpoint', ['endpointId', 'id'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  endpointId: number;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'fk_webhook_deliveries_endpoint' })
  endpoint?: Relation<WebhookEndpoint>;

  /** The outbox message: the X-Claimtrail-Delivery header, the same on every try. */
  @Column({ type: 'integer' })
  messageId: number;

  /** The event's id (the payload's `id`): the same for every endpoint that receives it. */
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @Column({ type: 'varchar', length: 40 })
  event: string;

  /** 1 for the first try. */
  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'varchar', length: 16 })
  outcome: DeliveryOutcome;

  @Column({ type: 'integer', nullable: true })
  httpStatus: number | null;

  @Column({ type: 'integer', nullable: true })
  latencyMs: number | null;

  /** The first characters of the response body. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  responseExcerpt: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  error: string | null;

  @Column(InstantColumnOptions())
  at: Date;
}

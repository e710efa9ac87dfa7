import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { backoffMs } from '../archive/address-policy';
import { Actor, AuditEntry, AuditService } from '../audit/audit.service';
import { Claim } from '../claims/claim.entity';
import { Env, publicOrigin } from '../config/env';
import { Transactions } from '../database/transactions';
import { OutboxMessage, OutboxService, PermanentFailure } from '../outbox/outbox.service';
import { loadUserRefs } from '../users/user-refs';
import { User } from '../users/user.entity';
import { postWebhook, TargetRefused, type PostResult } from './deliver';
import { DerivedEvent, eventsFor, TEST_EVENT } from './events';
import { DELIVERY_HEADER, EVENT_HEADER, sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entities';
import { WEBHOOK_CHANNEL, WebhookMessage, WebhooksService } from './webhooks.service';

/**
 * Turns audited changes into webhook deliveries and delivers them.
 *
 * Writing: an AuditService listener, so it runs inside the transaction of the change. It reads
 * the events the entry raises (events.ts), finds the active endpoints subscribed to each (one
 * indexed query), and writes one outbox message per endpoint and event: the deliveries exist
 * exactly when the change committed.
 *
 * Sending: the outbox worker calls `deliver` outside any transaction, once per try. Each try is
 * written to the endpoint's delivery log; a failure throws so the outbox retries with backoff;
 * WEBHOOK_DISABLE_AFTER failures in a row disable the endpoint, with an audit event
 * (`webhook.disable`) that the admins' webhooks page shows.
 */
@Injectable()
export class WebhookDispatch {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly webhooks: WebhooksService,
    private readonly env: Env,
  ) {
    // Subscribed when built, as the ledger is: the first start's sample claims go through the audit before the app initialises.
    this.audit.subscribe((manager, actor, entry, at) => this.enqueue(manager, actor, entry, at));
    this.outbox.registerHandler(WEBHOOK_CHANNEL, (m) => this.deliver(m), {
      maxAttempts: this.env.WEBHOOK_MAX_ATTEMPTS,
      backoffMs: (attempt) => backoffMs(attempt, this.env.WEBHOOK_RETRY_BASE_MS),
    });
  }

  /** The audit listener: one outbox message per subscribed endpoint and event, in the change's transaction. */
  async enqueue(manager: EntityManager, actor: Actor | null, entry: AuditEntry, at: Date): Promise<void> {
    const derived = eventsFor(entry);
    if (!derived.length || !entry.claimId) return;
    const types = [...new Set(derived.map((e) => e.type))];
    const subscriptions = await this.webhooks.activeSubscriptions(manager, types);
    if (!subscriptions.length) return;
    const claim = await manager.findOneBy(Claim, { id: entry.claimId });
    if (!claim) return;
    const users = await loadUserRefs(manager, [claim.createdById, claim.assigneeId, ...derived.map((e) => e.assigneeId ?? null)]);
    const claimData = {
      id: claim.id,
      articleId: claim.articleId,
      status: claim.status,
      text: claim.text,
      url: `${publicOrigin(this.env)}/claims/${claim.id}`,
      loggedBy: claim.createdById !== null ? (users.get(claim.createdById) ?? null) : null,
      assignee: claim.assigneeId !== null ? (users.get(claim.assigneeId) ?? null) : null,
    };
    const events: WebhookMessage['event'][] = [];
    for (const event of derived) {
      if (!subscriptions.some((s) => s.event === event.type)) continue;
      const data: Record<string, unknown> = { claim: claimData, ...details(event) };
      if (event.type === 'claim.assigned') data.assignee = event.assigneeId != null ? (users.get(event.assigneeId) ?? null) : null;
      if (event.type === 'mention') {
        const mentioned = await manager.find(User, { where: { username: In(event.mentions ?? []), active: true }, select: ['id', 'username'], order: { id: 'ASC' } });
        for (const user of mentioned) events.push(envelope(event.type, actor, at, { ...data, mentioned: { id: user.id, username: user.username } }));
        continue;
      }
      events.push(envelope(event.type, actor, at, data));
    }
    for (const event of events) {
      for (const s of subscriptions.filter((s) => s.event === event.type)) {
        await this.outbox.enqueue(manager, WEBHOOK_CHANNEL, { endpointId: Number(s.endpointId), event } satisfies WebhookMessage);
      }
    }
  }

  /** The outbox handler: one try of one delivery. */
  async deliver(message: OutboxMessage): Promise<void> {
    const { endpointId, event } = message.payload as WebhookMessage;
    const endpoint = await this.dataSource.getRepository(WebhookEndpoint).createQueryBuilder('e').addSelect('e.secret').where('e.id = :id', { id: endpointId }).getOne();
    if (!endpoint) throw new PermanentFailure(`webhook endpoint ${endpointId} no longer exists`);
    const isTest = event.type === TEST_EVENT;
    if (!endpoint.active && !isTest) throw new PermanentFailure(`webhook endpoint ${endpointId} is disabled`);
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      [EVENT_HEADER]: event.type,
      [DELIVERY_HEADER]: String(message.id),
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: sign(endpoint.secret, timestamp, body),
    };
    let result: PostResult | null = null;
    let failure: unknown = null;
    try {
      result = await postWebhook(endpoint.url, headers, body, this.webhooks.targetSettings, this.env.WEBHOOK_TIMEOUT_MS);
    } catch (error) {
      failure = error;
    }
    const delivered = result !== null && result.status >= 200 && result.status < 300;
    const refused = failure instanceof TargetRefused;
    const error = failure
      ? (failure instanceof Error ? failure.message : String(failure)).slice(0, 1000)
      : delivered
        ? null
        : result!.status >= 300 && result!.status < 400
          ? `answered ${result!.status}: redirects are not followed`
          : `answered ${result!.status}`;
    const disabled = await this.tx.run(async (manager) => {
      await manager.insert(WebhookDelivery, {
        endpointId,
        messageId: message.id,
        eventId: event.id,
        event: event.type,
        attempt: message.attempts,
        outcome: delivered ? 'delivered' : refused ? 'refused' : 'failed',
        httpStatus: result?.status ?? null,
        latencyMs: result?.latencyMs ?? null,
        responseExcerpt: result ? result.excerpt : null,
        error,
        at: new Date(),
      });
      // Test events are logged but leave the failure count alone: testing a disabled endpoint must not move it.
      if (isTest) return false;
      return delivered ? (await this.resetFailures(manager, endpointId), false) : this.countFailure(manager, endpointId, error!);
    });
    if (delivered) return;
    if (refused || disabled) throw new PermanentFailure(error!);
    throw new Error(error!);
  }

  /**
   * The counter is not an edit: `version` is set to itself, so TypeORM does not move it on and an
   * admin's open form stays valid while deliveries fail or succeed.
   */
  private async resetFailures(manager: EntityManager, id: number): Promise<void> {
    await manager.createQueryBuilder().update(WebhookEndpoint).set({ consecutiveFailures: 0, version: () => 'version' }).where('id = :id AND consecutive_failures <> 0', { id }).execute();
  }

  /** One more failure in a row; at the limit the endpoint is disabled (once) and that is audited. Returns whether it is now disabled. */
  private async countFailure(manager: EntityManager, id: number, error: string): Promise<boolean> {
    await manager
      .createQueryBuilder()
      .update(WebhookEndpoint)
      .set({ consecutiveFailures: () => 'consecutive_failures + 1', version: () => 'version' })
      .where('id = :id', { id })
      .execute();
    const endpoint = await manager.findOneByOrFail(WebhookEndpoint, { id });
    if (!endpoint.active) return true;
    if (endpoint.consecutiveFailures < this.env.WEBHOOK_DISABLE_AFTER) return false;
    const at = new Date();
    const reason = `disabled after ${endpoint.consecutiveFailures} failed deliveries in a row; the last: ${error}`.slice(0, 1000);
    await manager.createQueryBuilder().update(WebhookEndpoint).set({ active: false, disabledAt: at, disabledReason: reason, updatedAt: at }).where('id = :id', { id }).execute();
    this.webhooks.subscriptionsChanged();
    await this.audit.record(manager, null, { action: 'webhook.disable', entityType: 'webhook_endpoint', entityId: id, before: { active: true }, after: { active: false, url: endpoint.url, reason } }, at);
    this.logger.warn(`Webhook endpoint ${id} (${endpoint.url}) ${reason}`);
    return true;
  }
}

function envelope(type: string, actor: Actor | null, at: Date, data: Record<string, unknown>): WebhookMessage['event'] {
  return { id: randomUUID(), type, occurredAt: at.toISOString(), actor: actor ? { id: actor.id, username: actor.username } : null, data };
}

function details(event: DerivedEvent): Record<string, unknown> {
  return {
    ...(event.transition ? { transition: event.transition } : {}),
    ...(event.verdict ? { verdict: event.verdict } : {}),
    ...(event.comment ? { comment: event.comment } : {}),
  };
}

import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { Params } from '../claims/claim-reads';
import { Page, page, PageQueryDto } from '../common/dto/pagination.dto';
import { StaleVersionError, UnprocessableError } from '../common/errors';
import { Env } from '../config/env';
import { readRows } from '../database/read-rows';
import { Transactions } from '../database/transactions';
import { OutboxService } from '../outbox/outbox.service';
import { loadUserRefs } from '../users/user-refs';
import { CreatedWebhookDto, CreateWebhookDto, UpdateWebhookDto, WebhookDeliveryDto, WebhookDto, WebhookTestDto } from './dto/webhook.dto';
import { TEST_EVENT, type WebhookEventType } from './events';
import { newSecret } from './signature';
import { parseAllowHosts, targetProblem, type TargetSettings } from './target-policy';
import { WebhookDelivery, WebhookEndpoint, WebhookSubscription } from './webhook.entities';

/** The outbox channel of webhook deliveries. */
export const WEBHOOK_CHANNEL = 'webhook';

/** What one outbox message of the webhook channel carries: which endpoint, and the event as sent. */
export interface WebhookMessage {
  endpointId: number;
  event: Record<string, unknown> & { id: string; type: string };
}

/** Resolves every address of a host name (A and AAAA), as a delivery's connection would. */
export const resolveAll = async (host: string): Promise<string[]> => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Admins' side of webhooks: register, change, list endpoints, their delivery log, and test events. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly env: Env,
  ) {}

  /**
   * The active endpoints' subscriptions, on SQLite only: there one server owns the file and every
   * write goes through its queue, so this process sees every change and drops the list on each
   * (subscriptionsChanged). Every audited claim change asks for them inside its transaction; the
   * list saves that statement in the write queue. PostgreSQL instances share the tables and ask
   * the database each time.
   */
  private cachedSubscriptions: { endpointId: number; event: string }[] | null = null;

  /** The subscriptions of active endpoints to any of `types`, by endpoint id. */
  async activeSubscriptions(manager: EntityManager, types: string[]): Promise<{ endpointId: number; event: string }[]> {
    const cache = this.tx.serialised;
    let rows = cache ? this.cachedSubscriptions : null;
    if (!rows) {
      // Hand-written: every audited claim change on PostgreSQL sends it, and the query builder took
      // about 0.1 ms of each create under the CPU profiler (building the query, mapping raw rows).
      const p = new Params(manager);
      const sql =
        `SELECT s.endpoint_id AS "endpointId", s.event FROM webhook_subscriptions s INNER JOIN webhook_endpoints e ON e.id = s.endpoint_id ` +
        `WHERE e.active = ${p.add(true)}${cache ? '' : ` AND s.event IN (${p.list(types)})`} ORDER BY s.endpoint_id`;
      rows = (await readRows<{ endpointId: number | string; event: string }>(manager, sql, p.values)).map((r) => ({ endpointId: Number(r.endpointId), event: r.event }));
      if (cache) this.cachedSubscriptions = rows;
    }
    return rows.filter((r) => types.includes(r.event));
  }

  /** An endpoint or its subscriptions changed (or may have, in a transaction that rolled back). */
  subscriptionsChanged(): void {
    this.cachedSubscriptions = null;
  }

  /** A write unit that changes endpoints: the list is dropped inside it and again once it settled. */
  private async changing<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.tx.run(async (manager) => {
        this.subscriptionsChanged();
        return work(manager);
      });
    } finally {
      this.subscriptionsChanged();
    }
  }

  get targetSettings(): TargetSettings {
    return { allowPrivate: this.env.WEBHOOK_ALLOW_PRIVATE, allowHosts: parseAllowHosts(this.env.WEBHOOK_ALLOW_HOSTS) };
  }

  async list(query: PageQueryDto): Promise<Page<WebhookDto>> {
    const [rows, total] = await this.dataSource.getRepository(WebhookEndpoint).findAndCount({
      order: { id: query.order === 'desc' ? 'DESC' : 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return page(await this.toDtos(this.dataSource.manager, rows), total, query);
  }

  async get(id: number): Promise<WebhookDto> {
    const manager = this.dataSource.manager;
    return (await this.toDtos(manager, [await this.findOrFail(manager, id)]))[0];
  }

  /** Endpoints disabled after repeated failures and not turned back on: the admins' notice. */
  async disabledByFailures(): Promise<WebhookDto[]> {
    const rows = await this.dataSource
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('e')
      .where('e.active = :active AND e.disabled_at IS NOT NULL', { active: false })
      .orderBy('e.disabled_at', 'DESC')
      .take(50)
      .getMany();
    return this.toDtos(this.dataSource.manager, rows);
  }

  async create(actor: Actor, dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    await this.checkTarget(dto.url);
    const secret = dto.secret ?? newSecret();
    return this.changing(async (manager) => {
      const now = new Date();
      const endpoint = await manager.save(
        manager.create(WebhookEndpoint, {
          url: dto.url,
          description: dto.description ?? '',
          secret,
          active: true,
          consecutiveFailures: 0,
          disabledAt: null,
          disabledReason: null,
          createdById: actor.id,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.subscribe(manager, endpoint.id, dto.events);
      const [result] = await this.toDtos(manager, [endpoint]);
      await this.audit.record(manager, actor, { action: 'webhook.create', entityType: 'webhook_endpoint', entityId: endpoint.id, after: result }, now);
      return { ...result, secret };
    });
  }

  async update(actor: Actor, id: number, dto: UpdateWebhookDto): Promise<WebhookDto> {
    if (dto.url !== undefined) await this.checkTarget(dto.url);
    return this.changing(async (manager) => {
      const current = await this.findOrFail(manager, id);
      if (current.version !== dto.version) throw new StaleVersionError('Webhook endpoint', id, dto.version, current.version);
      const [before] = await this.toDtos(manager, [current]);
      const now = new Date();
      const changes: Partial<WebhookEndpoint> = { updatedAt: now };
      if (dto.url !== undefined) changes.url = dto.url;
      if (dto.description !== undefined) changes.description = dto.description;
      if (dto.secret !== undefined) changes.secret = dto.secret;
      if (dto.active === true && !current.active) Object.assign(changes, { active: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null });
      if (dto.active === false && current.active) Object.assign(changes, { active: false, disabledAt: null, disabledReason: `turned off by ${actor.username}` });
      // Conditional on the version read: a concurrent change (or a delivery disabling it) makes this a 409.
      const updated = await manager
        .createQueryBuilder()
        .update(WebhookEndpoint)
        .set(changes)
        .where('id = :id AND version = :version', { id, version: dto.version })
        .execute();
      if (!updated.affected) throw new StaleVersionError('Webhook endpoint', id, dto.version, (await this.findOrFail(manager, id)).version);
      if (dto.events) {
        await manager.delete(WebhookSubscription, { endpointId: id });
        await this.subscribe(manager, id, dto.events);
      }
      const [after] = await this.toDtos(manager, [await this.findOrFail(manager, id)]);
      await this.audit.record(
        manager,
        actor,
        { action: 'webhook.update', entityType: 'webhook_endpoint', entityId: id, before, after: { ...after, ...(dto.secret !== undefined ? { secretChanged: true } : {}) } },
        now,
      );
      return after;
    });
  }

  /** The endpoint's delivery log, newest first (one row per try). */
  async deliveries(id: number, query: PageQueryDto): Promise<Page<WebhookDeliveryDto>> {
    await this.findOrFail(this.dataSource.manager, id);
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const [rows, total] = await this.dataSource.getRepository(WebhookDelivery).findAndCount({
      where: { endpointId: id },
      order: { id: direction },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return page(
      rows.map((d) => ({
        id: d.id,
        messageId: d.messageId,
        eventId: d.eventId,
        event: d.event,
        attempt: d.attempt,
        outcome: d.outcome,
        httpStatus: d.httpStatus,
        latencyMs: d.latencyMs,
        responseExcerpt: d.responseExcerpt,
        error: d.error,
        at: d.at.toISOString(),
      })),
      total,
      query,
    );
  }

  /** Queues a `webhook.test` event for this endpoint only (even a disabled one: to check it before turning it back on). */
  async sendTest(actor: Actor, id: number): Promise<WebhookTestDto> {
    return this.tx.run(async (manager) => {
      const endpoint = await this.findOrFail(manager, id);
      const at = new Date();
      const event = {
        id: randomUUID(),
        type: TEST_EVENT,
        occurredAt: at.toISOString(),
        actor: { id: actor.id, username: actor.username },
        data: { endpoint: { id: endpoint.id, url: endpoint.url } },
      };
      await this.outbox.enqueue(manager, WEBHOOK_CHANNEL, { endpointId: id, event } satisfies WebhookMessage);
      await this.audit.record(manager, actor, { action: 'webhook.test', entityType: 'webhook_endpoint', entityId: id, after: { eventId: event.id } }, at);
      return { event };
    });
  }

  private async checkTarget(url: string): Promise<void> {
    const problem = await targetProblem(url, this.targetSettings, resolveAll);
    if (problem) throw new UnprocessableError(`Webhooks cannot be delivered to ${url}: it ${problem}.`, [{ field: 'url', reason: problem }]);
  }

  private async subscribe(manager: EntityManager, endpointId: number, events: WebhookEventType[]): Promise<void> {
    await manager.insert(
      WebhookSubscription,
      events.map((event) => ({ endpointId, event })),
    );
  }

  private async findOrFail(manager: EntityManager, id: number): Promise<WebhookEndpoint> {
    const endpoint = await manager.findOneBy(WebhookEndpoint, { id });
    if (!endpoint) throw new NotFoundException(`Webhook endpoint ${id} does not exist.`);
    return endpoint;
  }

  private async toDtos(manager: EntityManager, rows: WebhookEndpoint[]): Promise<WebhookDto[]> {
    if (!rows.length) return [];
    const subscriptions = await manager.find(WebhookSubscription, { where: { endpointId: In(rows.map((r) => r.id)) }, order: { event: 'ASC' } });
    const users = await loadUserRefs(manager, rows.map((r) => r.createdById));
    return rows.map((r) => ({
      id: r.id,
      url: r.url,
      description: r.description,
      events: subscriptions.filter((s) => s.endpointId === r.id).map((s) => s.event as WebhookEventType),
      active: r.active,
      consecutiveFailures: r.consecutiveFailures,
      disabledAt: r.disabledAt?.toISOString() ?? null,
      disabledReason: r.disabledReason,
      createdBy: r.createdById !== null ? (users.get(r.createdById) ?? null) : null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
    }));
  }
}

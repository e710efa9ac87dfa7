import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Article } from '../articles/article.entity';
import { Actor, AuditEntry, AuditService } from '../audit/audit.service';
import { Claim } from '../claims/claim.entity';
import { Page, page } from '../common/dto/pagination.dto';
import { UnprocessableError } from '../common/errors';
import { Env, publicOrigin } from '../config/env';
import { Lang } from '../i18n/i18n';
import { Transactions } from '../database/transactions';
import { OutboxService } from '../outbox/outbox.service';
import { User } from '../users/user.entity';
import { NotificationDto, NotificationQueryDto, PersonDto, PreferencesDto, UpdatePreferencesDto, WatchStateDto } from './dto/notification.dto';
import { canSeeClaims, deliveryFor, Delivery, DELIVERY_LABELS, KIND_LABELS, NOTIFICATION_KINDS, NotificationKind, displaySummary, localEmailFor, localSummary, recipientLanguage, summarise, SummaryInput, summaryParams, webhookDisabledSummary } from './kinds';
import { mentionsIn } from './mentions';
import { Notification, NotificationSettings, Watch } from './notification.entities';
import { insertRows } from '../database/insert-rows';

/** The outbox channel of notification e-mails (see mailer.service.ts). */
export const EMAIL_CHANNEL = 'email';

export interface EmailPayload {
  userId: number;
  to: string;
  subject: string;
  text: string;
  /** The notifications this e-mail tells of: if they are gone (the claim was deleted), it is not sent. */
  notificationIds: number[];
}

type ClaimFacts = Pick<Claim, 'id' | 'text' | 'articleId' | 'createdById' | 'assigneeId' | 'status'>;

/**
 * Who hears about what. Listens to every audited change (AuditService.subscribe) and, in the
 * change's own transaction, writes the recipients' notifications, auto-watches, and the outbox
 * e-mails of those who chose e-mail. A mention of an unknown user, or of one who may not see
 * the claim, refuses the whole change (422). Also the inbox, watches and preferences.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly env: Env,
  ) {
    // Subscribed when built, as the ledger is: the first start's sample claims go through the audit before the app initialises.
    this.audit.subscribe((manager, actor, entry, at) => this.onEvent(manager, actor, entry, at));
  }

  /** E-mail is possible at all: SMTP is configured. */
  get emailEnabled(): boolean {
    return this.env.SMTP_URL !== '';
  }

  claimUrl(claimId: number): string {
    return `${publicOrigin(this.env)}/claims/${claimId}`;
  }

  get preferencesUrl(): string {
    return `${publicOrigin(this.env)}/notifications/preferences`;
  }

  // ---- events -----------------------------------------------------------------------------

  private async onEvent(manager: EntityManager, actor: Actor | null, entry: AuditEntry, at: Date): Promise<void> {
    if (entry.action === 'webhook.disable') return this.webhookDisabled(manager, entry, at);
    if (!entry.claimId) return;
    const after = (entry.after ?? {}) as Record<string, unknown>;
    const before = (entry.before ?? {}) as Record<string, unknown>;
    const handled = ['claim.create', 'claim.assign', 'claim.transition', 'verdict.propose', 'comment.add'];
    if (!handled.includes(entry.action)) return;
    // A new claim: its author watches it. Nothing to read back, the id is the audit entry's.
    if (entry.action === 'claim.create') {
      if (actor) await this.watchIn(manager, actor.id, { claimId: entry.claimId }, at);
      return;
    }
    const claim = await manager.findOne(Claim, { where: { id: entry.claimId }, select: ['id', 'text', 'articleId', 'createdById', 'assigneeId', 'status'] });
    if (!claim) return;
    const ctx = { manager, actor, claim, at };
    switch (entry.action) {
      case 'claim.assign': {
        const assigneeId = after.assigneeId as number | null;
        if (assigneeId !== null && assigneeId !== before.assigneeId) {
          await this.watchIn(manager, assigneeId, { claimId: claim.id }, at);
          await this.notify(ctx, 'assigned', [assigneeId]);
        }
        return;
      }
      case 'claim.transition': {
        const from = before.status as string;
        const to = after.status as string;
        const reason = (after.reason as string | null) ?? null;
        if (to === 'in_review' && actor && after.assigneeId === actor.id) await this.watchIn(manager, actor.id, { claimId: claim.id }, at);
        const owner = claim.createdById !== null ? [claim.createdById] : [];
        if (to === 'draft' && (from === 'in_review' || from === 'verdict_proposed')) await this.notify(ctx, 'returned', owner, { excerpt: reason });
        else if (to === 'dismissed') await this.notify(ctx, 'dismissed', owner, { excerpt: reason });
        else if (to === 'published') await this.notify(ctx, 'published', owner);
        else if (from === 'published' && to === 'in_review') await this.notify(ctx, 'corrected', owner, { excerpt: reason });
        return;
      }
      case 'verdict.propose': {
        const rationale = String(after.rationale ?? '');
        const mentioned = await this.mentionedUsers(manager, rationale, 'rationale');
        if (actor) await this.watchIn(manager, actor.id, { claimId: claim.id }, at);
        await this.notify(ctx, 'mention', mentioned, { detail: 'rationale', excerpt: rationale });
        // Who could publish it: reviewers and admins other than whoever logged the claim, and
        // (four eyes) other than the proposer.
        const publishers = await manager
          .getRepository(User)
          .createQueryBuilder('u')
          .select('u.id', 'id')
          .where('u.active = :active AND u.role IN (:...roles)', { active: true, roles: ['reviewer', 'admin'] })
          .getRawMany<{ id: number }>();
        const ids = publishers
          .map((p) => Number(p.id))
          .filter((id) => id !== claim.createdById && !(this.env.REVIEW_SECOND_CHECK && id === actor?.id) && !mentioned.includes(id));
        await this.notify(ctx, 'verdict_proposed', ids, { detail: String(after.rating ?? '') || null, excerpt: rationale });
        return;
      }
      case 'comment.add': {
        const body = String(after.body ?? '');
        const mentioned = await this.mentionedUsers(manager, body, 'body');
        await this.notify(ctx, 'mention', mentioned, { detail: 'comment', excerpt: body });
        const watchers = await manager
          .getRepository(Watch)
          .createQueryBuilder('w')
          .select('DISTINCT w.user_id', 'id')
          .where('w.claim_id = :claimId OR w.article_id = :articleId', { claimId: claim.id, articleId: claim.articleId })
          .getRawMany<{ id: number }>();
        await this.notify(
          ctx,
          'comment',
          watchers.map((w) => Number(w.id)).filter((id) => !mentioned.includes(id)),
          { excerpt: body },
        );
        return;
      }
    }
  }

  /**
   * The users `text` mentions, by id. Unknown usernames and users who may not see the claim
   * are refused with 422 naming `field`: the comment or verdict is not written.
   */
  private async mentionedUsers(manager: EntityManager, text: string, field: string): Promise<number[]> {
    const names = mentionsIn(text);
    if (!names.length) return [];
    const users = await manager.find(User, { where: { username: In(names) }, select: ['id', 'username', 'active'] });
    const unknown = names.filter((n) => !users.some((u) => u.username === n));
    const blind = users.filter((u) => !canSeeClaims(u)).map((u) => u.username);
    if (unknown.length || blind.length) {
      const problems = [
        ...unknown.map((n) => ({ field, reason: `@${n} is not a user of this desk` })),
        ...blind.map((n) => ({ field, reason: `@${n} cannot see this claim (the account is deactivated)` })),
      ];
      throw new UnprocessableError(`Only people who can see this claim can be mentioned: ${problems.map((p) => p.reason).join('; ')}.`, problems);
    }
    return users.map((u) => u.id);
  }

  /**
   * Writes one notification per recipient (never the actor, never someone who may not see the
   * claim), with the delivery each chose, and queues the e-mails of those who chose e-mail.
   */
  private async notify(
    ctx: { manager: EntityManager; actor: Actor | null; claim: ClaimFacts; at: Date },
    kind: NotificationKind,
    userIds: number[],
    extra: { detail?: string | null; excerpt?: string | null } = {},
  ): Promise<void> {
    const { claim } = ctx;
    const summary = summarise({ kind, actor: ctx.actor?.username ?? null, claimId: claim.id, claimText: claim.text, detail: extra.detail });
    const input: SummaryInput = { kind, actor: ctx.actor?.username ?? null, claimId: claim.id, claimText: claim.text, detail: extra.detail };
    await this.write(ctx, kind, userIds, { claimId: claim.id, link: null, summary, excerpt: extra.excerpt ?? null, input });
  }

  /**
   * An endpoint disabled after failing again and again (audit `webhook.disable`, by the system):
   * every active admin hears of it, with a link to the endpoint's page, as each chose for the kind.
   */
  private async webhookDisabled(manager: EntityManager, entry: AuditEntry, at: Date): Promise<void> {
    const after = (entry.after ?? {}) as Record<string, unknown>;
    const endpointId = Number(entry.entityId);
    const admins = await manager.find(User, { where: { role: 'admin', active: true }, select: ['id'] });
    await this.write(
      { manager, actor: null, at },
      'webhook_disabled',
      admins.map((a) => a.id),
      {
        claimId: null,
        link: `/webhooks/${endpointId}`,
        summary: webhookDisabledSummary(endpointId, String(after.url ?? '')),
        excerpt: (after.reason as string | null) ?? null,
        input: { kind: 'webhook_disabled', actor: null, claimId: endpointId, claimText: '', detail: String(after.url ?? '') },
      },
    );
  }

  private async write(
    ctx: { manager: EntityManager; actor: Actor | null; at: Date },
    kind: NotificationKind,
    userIds: number[],
    what: { claimId: number | null; link: string | null; summary: string; excerpt: string | null; input: SummaryInput },
  ): Promise<void> {
    const { manager, actor, at } = ctx;
    const ids = [...new Set(userIds)].filter((id) => id !== actor?.id);
    if (!ids.length) return;
    const users = await manager.find(User, { where: { id: In(ids) }, select: ['id', 'username', 'active', 'language'] });
    const settings = await manager.find(NotificationSettings, { where: { userId: In(ids) } });
    const summary = what.summary.slice(0, 500);
    const params = JSON.stringify(summaryParams(what.input));
    const excerpt = what.excerpt ? what.excerpt.slice(0, 2000) : null;
    for (const user of users.sort((a, b) => a.id - b.id)) {
      if (!canSeeClaims(user)) continue;
      const mine = settings.find((s) => s.userId === user.id);
      const delivery = this.effectiveDelivery(deliveryFor(mine?.preferences, kind), mine?.email ?? null);
      const inserted = await manager.insert(Notification, {
        userId: user.id,
        kind,
        claimId: what.claimId,
        link: what.link,
        actorId: actor?.id ?? null,
        actorName: actor?.username ?? null,
        summary,
        summaryParams: params,
        excerpt,
        delivery,
        createdAt: at,
        readAt: null,
        digestedAt: null,
      });
      if (delivery === 'email') {
        const target = this.linkOf(what);
        // In the recipient's language (their setting, else English).
        const lang = recipientLanguage(user.language);
        const mail = localEmailFor(lang, { summary: localSummary(lang, what.input).slice(0, 500), excerpt, claimUrl: target ?? publicOrigin(this.env), preferencesUrl: this.preferencesUrl, isClaim: !!what.claimId });
        const payload: EmailPayload = { userId: user.id, to: mine!.email!, ...mail, notificationIds: [Number(inserted.identifiers[0].id)] };
        await this.outbox.enqueue(manager, EMAIL_CHANNEL, payload);
      }
    }
  }

  /** The full address a notification leads to: its claim, else its link, else null. */
  linkOf(n: { claimId: number | null; link: string | null }): string | null {
    return n.claimId ? this.claimUrl(n.claimId) : n.link ? `${publicOrigin(this.env)}${n.link}` : null;
  }

  /** E-mail and digest need SMTP and an address; otherwise the notification stays in the app. */
  private effectiveDelivery(chosen: Delivery, email: string | null): Delivery {
    return chosen !== 'in_app' && (!this.emailEnabled || !email) ? 'in_app' : chosen;
  }

  // ---- the inbox --------------------------------------------------------------------------

  /** The user's notifications, newest first, each summary worded in `lang` (the reader's). */
  async list(user: Actor, query: NotificationQueryDto, lang: Lang = 'en'): Promise<Page<NotificationDto>> {
    const qb = this.dataSource.getRepository(Notification).createQueryBuilder('n').where('n.user_id = :userId', { userId: user.id });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    const [rows, total] = await qb
      .orderBy('n.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return page(rows.map((n) => toDto(n, lang)), total, query);
  }

  async unreadCount(userId: number): Promise<number> {
    return this.dataSource.getRepository(Notification).createQueryBuilder('n').where('n.user_id = :userId AND n.read_at IS NULL', { userId }).getCount();
  }

  /** Marks one of the user's notifications read (someone else's is 404, as if it did not exist). */
  async markRead(user: Actor, id: number, lang: Lang = 'en'): Promise<NotificationDto> {
    return this.tx.run(async (manager) => {
      const row = await manager.findOneBy(Notification, { id, userId: user.id });
      if (!row) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Notification ${id} not found.` });
      if (!row.readAt) {
        row.readAt = new Date();
        await manager.update(Notification, { id }, { readAt: row.readAt });
      }
      return toDto(row, lang);
    });
  }

  /** Marks every unread notification of the user read; returns how many. */
  async markAllRead(user: Actor): Promise<number> {
    return this.tx.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Notification)
        .set({ readAt: new Date() })
        .where('user_id = :userId AND read_at IS NULL', { userId: user.id })
        .execute();
      return result.affected ?? 0;
    });
  }

  // ---- watching ---------------------------------------------------------------------------

  private async watchIn(manager: EntityManager, userId: number, target: { claimId: number } | { articleId: number }, at: Date): Promise<void> {
    await insertRows(manager, Watch, [{ userId, claimId: null, articleId: null, ...target, createdAt: at }], { conflict: 'ignore' });
  }

  async watching(user: Actor, target: { claimId: number } | { articleId: number }): Promise<WatchStateDto> {
    await this.targetExists(this.dataSource.manager, target);
    const found = await this.dataSource.getRepository(Watch).findOneBy({ userId: user.id, ...target });
    return { watching: !!found };
  }

  /** Starts or stops watching a claim or an article (idempotent), audited. */
  async setWatching(user: Actor, target: { claimId: number } | { articleId: number }, watching: boolean): Promise<WatchStateDto> {
    return this.tx.run(async (manager) => {
      await this.targetExists(manager, target);
      const existing = await manager.findOneBy(Watch, { userId: user.id, ...target });
      if (watching === !!existing) return { watching };
      const at = new Date();
      if (watching) await this.watchIn(manager, user.id, target, at);
      else await manager.delete(Watch, { id: existing!.id });
      const claimId = 'claimId' in target ? target.claimId : null;
      await this.audit.record(
        manager,
        user,
        { action: watching ? 'watch.start' : 'watch.stop', entityType: claimId ? 'claim' : 'article', entityId: claimId ?? (target as { articleId: number }).articleId, claimId, after: { userId: user.id, watching } },
        at,
      );
      return { watching };
    });
  }

  private async targetExists(manager: EntityManager, target: { claimId: number } | { articleId: number }): Promise<void> {
    const [entity, id, name] = 'claimId' in target ? [Claim, target.claimId, 'Claim'] : [Article, target.articleId, 'Article'];
    if (!(await manager.existsBy(entity as typeof Claim, { id }))) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `${name} ${id} not found.` });
  }

  // ---- preferences ------------------------------------------------------------------------

  async preferences(user: Actor): Promise<PreferencesDto> {
    const mine = await this.dataSource.getRepository(NotificationSettings).findOneBy({ userId: user.id });
    return this.preferencesDto(mine);
  }

  private preferencesDto(mine: NotificationSettings | null): PreferencesDto {
    return {
      email: mine?.email ?? null,
      emailEnabled: this.emailEnabled,
      digestHourUtc: this.env.DIGEST_HOUR_UTC,
      kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], delivery: deliveryFor(mine?.preferences, kind) })),
      deliveries: Object.entries(DELIVERY_LABELS).map(([delivery, label]) => ({ delivery: delivery as Delivery, label })),
    };
  }

  /** Replaces the address (when sent) and the deliveries of the kinds sent; audited. */
  async updatePreferences(user: Actor, dto: UpdatePreferencesDto): Promise<PreferencesDto> {
    return this.tx.run(async (manager) => {
      const existing = await manager.findOneBy(NotificationSettings, { userId: user.id });
      const email = dto.email !== undefined ? dto.email : (existing?.email ?? null);
      const preferences = { ...(existing?.preferences ?? {}) };
      for (const { kind, delivery } of dto.kinds ?? []) preferences[kind] = delivery;
      if (!email && Object.values(preferences).some((d) => d !== 'in_app')) {
        throw new UnprocessableError('E-mail and the daily digest need your e-mail address.', [{ field: 'email', reason: 'required for e-mail or digest delivery' }]);
      }
      const next = { userId: user.id, email, preferences, lastDigestAt: existing?.lastDigestAt ?? null };
      await manager.save(NotificationSettings, next);
      await this.audit.record(manager, user, {
        action: 'notification.preferences',
        entityType: 'user',
        entityId: user.id,
        before: existing ? { email: existing.email, preferences: existing.preferences } : null,
        after: { email, preferences },
      });
      return this.preferencesDto(next as NotificationSettings);
    });
  }

  // ---- people, for mention suggestions ------------------------------------------------------

  /** Active users whose username starts with `prefix` (at most 8, alphabetical): the people a mention may name. */
  async people(prefix: string): Promise<PersonDto[]> {
    const escaped = prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    const users = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .select(['u.username', 'u.displayName'])
      .where("u.active = :active AND u.username LIKE :prefix ESCAPE '\\'", { active: true, prefix: `${escaped}%` })
      .orderBy('u.username')
      .limit(8)
      .getMany();
    return users.map((u) => ({ username: u.username, displayName: u.displayName }));
  }
}

function toDto(n: Notification, lang: Lang): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    summary: displaySummary(lang, n),
    excerpt: n.excerpt,
    claimId: n.claimId,
    link: n.claimId ? `/claims/${n.claimId}` : n.link,
    actor: n.actorId !== null ? { id: n.actorId, username: n.actorName ?? '' } : null,
    delivery: n.delivery,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { Transactions } from '../database/transactions';
import { OutboxService } from '../outbox/outbox.service';
import { User } from '../users/user.entity';
import { canSeeClaims, digestDue, displaySummary, localDigestFor, recipientLanguage } from './kinds';
import { Notification, NotificationSettings } from './notification.entities';
import { EMAIL_CHANNEL, EmailPayload, NotificationsService } from './notifications.service';

/**
 * The daily digest: once a day from DIGEST_HOUR_UTC, each user with notifications waiting for
 * the digest gets one e-mail listing them (through the outbox). `run(now)` does one round at
 * `now` (the specs call it with a clock); with the outbox worker on, a timer calls it every
 * minute. Notifications are taken by a conditional UPDATE, so two instances never put the same
 * one in two digests.
 */
@Injectable()
export class DigestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Digest');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.OUTBOX_WORKER || !this.env.SMTP_URL) return;
    this.timer = setInterval(() => void this.run(new Date()).catch((e: unknown) => this.logger.error(`The digest round failed: ${String(e)}`)), 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Queues the digests due at `now`; returns how many were queued. */
  async run(now: Date): Promise<number> {
    if (!this.env.SMTP_URL) return 0;
    const waiting = await this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .select('DISTINCT n.user_id', 'userId')
      .where("n.delivery = 'digest' AND n.digested_at IS NULL AND n.created_at <= :now", { now: now.toISOString() })
      .getRawMany<{ userId: number }>();
    let queued = 0;
    for (const { userId } of waiting) if (await this.digestOne(Number(userId), now)) queued++;
    return queued;
  }

  private digestOne(userId: number, now: Date): Promise<boolean> {
    return this.tx.run(async (manager) => {
      const settings = await manager.findOneBy(NotificationSettings, { userId });
      const user = await manager.findOne(User, { where: { id: userId }, select: ['id', 'active', 'language'] });
      if (!user || !digestDue(settings?.lastDigestAt ?? null, now, this.env.DIGEST_HOUR_UTC)) return false;
      const at = now.toISOString();
      await manager
        .createQueryBuilder()
        .update(Notification)
        .set({ digestedAt: now })
        .where("user_id = :userId AND delivery = 'digest' AND digested_at IS NULL AND created_at <= :at", { userId, at })
        .execute();
      const items = await manager.find(Notification, { where: { userId, digestedAt: now }, order: { id: 'ASC' } });
      if (settings) await manager.update(NotificationSettings, { userId }, { lastDigestAt: now });
      // A deactivated account's notifications, or those of someone who removed their address, are taken, never sent.
      if (!items.length || !canSeeClaims(user) || !settings?.email) return false;
      const lang = recipientLanguage(user.language);
      const mail = localDigestFor(
        lang,
        items.map((n) => ({ summary: displaySummary(lang, n), claimUrl: this.notifications.linkOf(n), at: n.createdAt })),
        this.notifications.preferencesUrl,
      );
      const payload: EmailPayload = { userId, to: settings.email, ...mail, notificationIds: items.map((n) => n.id) };
      await this.outbox.enqueue(manager, EMAIL_CHANNEL, payload);
      return true;
    });
  }
}

import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Transporter } from 'nodemailer';
import { DataSource, In } from 'typeorm';
import { Env } from '../config/env';
import { OutboxMessage, OutboxService, PermanentFailure } from '../outbox/outbox.service';
import { User } from '../users/user.entity';
import { canSeeClaims } from './kinds';
import { Notification } from './notification.entities';
import { EMAIL_CHANNEL, EmailPayload } from './notifications.service';

/**
 * Sends the outbox's `email` messages through SMTP_URL (nodemailer). Without SMTP_URL no handler
 * is registered and nothing is sent. Just before sending it checks again that the recipient may
 * still see the claims (an account deactivated meanwhile gets nothing) and that what the e-mail
 * tells of still exists (a deleted draft is not announced). The Message-ID is derived from the
 * outbox row, so a message retried after a crash can be recognised as the same one.
 */
@Injectable()
export class MailerService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Mailer');
  private transport: Transporter | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly env: Env,
  ) {}

  onModuleInit(): void {
    if (!this.env.SMTP_URL) return;
    // Loaded when SMTP is configured, not at every start-up.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createTransport } = require('nodemailer') as typeof import('nodemailer');
    this.transport = createTransport(this.env.SMTP_URL, { from: this.env.SMTP_FROM });
    this.outbox.registerHandler(EMAIL_CHANNEL, (m) => this.send(m), { maxAttempts: 8 });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  private async send(message: OutboxMessage): Promise<void> {
    const payload = message.payload as EmailPayload;
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: payload.userId }, select: ['id', 'active'] });
    if (!user || !canSeeClaims(user)) throw new PermanentFailure('the recipient can no longer see the desk');
    if (payload.notificationIds.length) {
      const still = await this.dataSource.getRepository(Notification).countBy({ id: In(payload.notificationIds), userId: payload.userId });
      if (still === 0) throw new PermanentFailure('what the e-mail tells of no longer exists');
    }
    try {
      await this.transport!.sendMail({
        to: payload.to,
        subject: payload.subject,
        text: payload.text,
        messageId: `<outbox-${message.id}@claimtrail>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      // 5xx: the server refuses this message for good (no such mailbox); anything else may pass later.
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500) throw new PermanentFailure(`the SMTP server refused the message (${code}): ${(error as Error).message}`);
      this.logger.warn(`E-mail ${message.id} not sent yet: ${(error as Error).message}`);
      throw error;
    }
  }
}

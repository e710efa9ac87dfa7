import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { DigestService } from './digest.service';
import { MailerService } from './mailer.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** Notifications (inbox, watching, @mentions, preferences), their e-mails through the outbox, and the daily digest. */
@Module({
  imports: [OutboxModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, MailerService, DigestService],
  exports: [NotificationsService, DigestService],
})
export class NotificationsModule {}

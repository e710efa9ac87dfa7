import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { WebhookDispatch } from './webhook-dispatch.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Signed webhooks: admins' endpoints, deliveries written with each audited change and sent by the outbox. */
@Module({
  imports: [OutboxModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookDispatch],
  exports: [WebhooksService],
})
export class WebhooksModule {}

import { Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** The transactional outbox and its worker; channels (e-mail, webhooks) register their handlers on OutboxService. */
@Module({
  providers: [OutboxService],
  exports: [OutboxService],
})
export class OutboxModule {}

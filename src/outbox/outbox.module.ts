import { Module } from '@nestjs/common';
import { ObservabilityModule } from '../observability/observability.module';
import { OutboxService } from './outbox.service';

/** The transactional outbox and its worker; channels (e-mail, webhooks) register their handlers on OutboxService. */
@Module({
  imports: [ObservabilityModule],
  providers: [OutboxService],
  exports: [OutboxService],
})
export class OutboxModule {}

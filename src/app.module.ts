import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ArticlesModule } from './articles/articles.module';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { ClaimsModule } from './claims/claims.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { createValidationPipe } from './common/validation';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { LedgerModule } from './ledger/ledger.module';
import { ObservabilityModule } from './observability/observability.module';
import { MatchingModule } from './matching/matching.module';
import { ReviewModule } from './review/review.module';
import { DeskModule } from './desk/desk.module';
import { ReportsModule } from './reports/reports.module';
import { SeedModule } from './seed/seed.module';
import { SourcesModule } from './sources/sources.module';
import { SuggestionsModule } from './suggestions/suggestions.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';
import { AccountModule } from './account/account.module';
import { RevisionsModule } from './revisions/revisions.module';
import { PublicModule } from './public/public.module';
import { AnnotationsModule } from './annotations/annotations.module';
import { ArchiveModule } from './archive/archive.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { OutboxModule } from './outbox/outbox.module';
import { NotificationsModule } from './notifications/notifications.module';

/**
 * Global behaviour (validation, errors, sign-in) is registered here rather than in main.ts, so a
 * test that compiles AppModule behaves exactly like production.
 */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    UsersModule,
    AuthModule,
    SourcesModule,
    ArticlesModule,
    ClaimsModule,
    ReviewModule,
    LedgerModule,
    AuditModule,
    SeedModule,
    ReportsModule,
    DeskModule,
    WebModule,
    AccountModule,
    RevisionsModule,
    ObservabilityModule,
    MatchingModule,
    PublicModule,
    AnnotationsModule,
    ArchiveModule,
    SuggestionsModule,
    OutboxModule,
    NotificationsModule,
    WebhooksModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
})
export class AppModule {}

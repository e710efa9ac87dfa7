import { ArchiveModule } from '../archive/archive.module';
import { PublicModule } from '../public/public.module';
import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuthModule } from '../auth/auth.module';
import { ClaimsModule } from '../claims/claims.module';
import { LedgerModule } from '../ledger/ledger.module';
import { MatchingModule } from '../matching/matching.module';
import { ReviewModule } from '../review/review.module';
import { SourcesModule } from '../sources/sources.module';
import { SuggestionsModule } from '../suggestions/suggestions.module';
import { SuggestionsWebController } from './suggestions.web.controller';
import { SuggestionPages } from './suggestions.pages';
import { UsersModule } from '../users/users.module';
import { ArticlePages } from './articles.pages';
import { ArticlesWebController } from './articles.web.controller';
import { AuthWebController } from './auth.web.controller';
import { ChainResolver } from './chain';
import { ClaimPages } from './claims.pages';
import { ClaimsWebController } from './claims.web.controller';
import { ReportLinks } from './report-links';
import { ReportsWebController } from './reports.web.controller';
import { ReportsModule } from '../reports/reports.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { ClaimsIndexWebController, ReviewWebController } from './review.web.controller';
import { DeskPages } from './desk.pages';
import { HelpWebController } from './help.web.controller';
import { DeskModule } from '../desk/desk.module';
import { SourcePages } from './sources.pages';
import { SourcesWebController } from './sources.web.controller';
import { UserPages } from './users.pages';
import { UsersWebController } from './users.web.controller';
import { Env } from '../config/env';
import { WebSite } from './session';
import { WebGuard } from './web.guard';
import { AccountModule } from '../account/account.module';
import { AccountWebController } from './account.web.controller';
import { RevisionsModule } from '../revisions/revisions.module';
import { RevisionPages } from './revisions.pages';
import { RevisionsWebController } from './revisions.web.controller';
import { NotificationsModule } from '../notifications/notifications.module';
import { NotificationsWebController } from './notifications.web.controller';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { WebhooksWebController } from './webhooks.web.controller';
import { SsoModule } from '../sso/sso.module';
import { TwoFactorModule } from '../two-factor/two-factor.module';
import { SsoWebController } from './sso.web.controller';
import { TwoFactorWebController } from './two-factor.web.controller';

/** The desk's web app: server-rendered pages over the same services as the API. */
@Module({
  imports: [AuthModule, RateLimitModule, UsersModule, SourcesModule, ArticlesModule, ClaimsModule, ReviewModule, LedgerModule, ReportsModule, MatchingModule, DeskModule, AccountModule, RevisionsModule, PublicModule, ArchiveModule, SuggestionsModule, NotificationsModule, WebhooksModule, TwoFactorModule, SsoModule],
  controllers: [AuthWebController, ReportsWebController, ArticlesWebController, ClaimsWebController, ReviewWebController, ClaimsIndexWebController, HelpWebController, SourcesWebController, UsersWebController, AccountWebController, RevisionsWebController, SuggestionsWebController, NotificationsWebController, WebhooksWebController, TwoFactorWebController, SsoWebController],
  providers: [{ provide: WebSite, inject: [Env], useFactory: (env: Env) => WebSite.fromEnv(env) }, WebGuard, ChainResolver, ArticlePages, ClaimPages, SourcePages, UserPages, ReportLinks, DeskPages, RevisionPages, SuggestionPages],
})
export class WebModule {}

import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuthModule } from '../auth/auth.module';
import { ClaimsModule } from '../claims/claims.module';
import { LedgerModule } from '../ledger/ledger.module';
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
import { ReviewWebController } from './review.web.controller';
import { SourcePages } from './sources.pages';
import { SourcesWebController } from './sources.web.controller';
import { UserPages } from './users.pages';
import { UsersWebController } from './users.web.controller';
import { Env } from '../config/env';
import { WebSite } from './session';
import { WebGuard } from './web.guard';

/** The desk's web app: server-rendered pages over the same services as the API. */
@Module({
  imports: [AuthModule, UsersModule, SourcesModule, ArticlesModule, ClaimsModule, ReviewModule, LedgerModule, ReportsModule, SuggestionsModule],
  controllers: [AuthWebController, ReportsWebController, ArticlesWebController, ClaimsWebController, ReviewWebController, SourcesWebController, UsersWebController, SuggestionsWebController],
  providers: [{ provide: WebSite, inject: [Env], useFactory: (env: Env) => WebSite.fromEnv(env) }, WebGuard, ChainResolver, ArticlePages, ClaimPages, SourcePages, UserPages, ReportLinks, SuggestionPages],
})
export class WebModule {}

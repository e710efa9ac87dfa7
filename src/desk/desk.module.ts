import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { ClaimsModule } from '../claims/claims.module';
import { ReviewModule } from '../review/review.module';
import { DeskController } from './desk.controller';
import { DeskService } from './desk.service';

/** Worklists for the desk: the review queue's lanes and bulk actions (API; the web pages use the same service). */
@Module({
  imports: [ClaimsModule, ReviewModule, ArticlesModule],
  controllers: [DeskController],
  providers: [DeskService],
  exports: [DeskService],
})
export class DeskModule {}

import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { ClaimsModule } from '../claims/claims.module';
import { ReportsController } from './reports.controller';
import { ReportClock, ReportsService } from './reports.service';

@Module({
  imports: [ArticlesModule, ClaimsModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportClock],
  exports: [ReportsService, ReportClock],
})
export class ReportsModule {}

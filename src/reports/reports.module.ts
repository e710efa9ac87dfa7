import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportClock, ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  providers: [ReportsService, ReportClock],
  exports: [ReportsService, ReportClock],
})
export class ReportsModule {}

import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module';
import { ReportsModule } from '../reports/reports.module';
import { PublicController } from './public.controller';
import { PublicService } from './public.service';

@Module({
  imports: [ReportsModule, ArchiveModule],
  controllers: [PublicController],
  providers: [PublicService],
  exports: [PublicService],
})
export class PublicModule {}

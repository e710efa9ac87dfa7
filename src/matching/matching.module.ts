import { Module } from '@nestjs/common';
import { FactChecksService } from './fact-checks.service';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';

@Module({
  controllers: [MatchingController],
  providers: [MatchingService, FactChecksService],
  exports: [MatchingService, FactChecksService],
})
export class MatchingModule {}

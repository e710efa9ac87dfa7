import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';

@Module({
  imports: [ClaimsModule],
  controllers: [ReviewController],
  providers: [ReviewService],
})
export class ReviewModule {}

import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { ClaimsModule } from '../claims/claims.module';
import { SourcesModule } from '../sources/sources.module';
import { SeedService } from './seed.service';

@Module({ imports: [SourcesModule, ArticlesModule, ClaimsModule], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}

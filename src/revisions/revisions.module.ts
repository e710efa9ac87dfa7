import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { RevisionsController } from './revisions.controller';
import { RevisionsService } from './revisions.service';

@Module({ imports: [ArticlesModule], controllers: [RevisionsController], providers: [RevisionsService], exports: [RevisionsService] })
export class RevisionsModule {}

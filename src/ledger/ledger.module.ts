import { Module } from '@nestjs/common';
import { SourcesModule } from '../sources/sources.module';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';

@Module({ imports: [SourcesModule], controllers: [LedgerController], providers: [LedgerService] })
export class LedgerModule {}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditService } from '../audit/audit.service';
import { ConfigModule } from '../config/config.module';
import { Env } from '../config/env';
import { dataSourceOptions } from './data-source';
import { DatabaseStatistics } from './statistics';
import { Transactions } from './transactions';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [ConfigModule],
      inject: [Env],
      useFactory: (env: Env) => ({ ...dataSourceOptions(env), retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
  providers: [Transactions, AuditService, DatabaseStatistics],
  exports: [Transactions, AuditService, DatabaseStatistics],
})
export class DatabaseModule {}

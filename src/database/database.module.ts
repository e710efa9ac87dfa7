import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditService } from '../audit/audit.service';
import { ConfigModule } from '../config/config.module';
import { Env } from '../config/env';
import { dataSourceOptions } from './data-source';
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
  providers: [Transactions, AuditService],
  exports: [Transactions, AuditService],
})
export class DatabaseModule {}

import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** The audit log's read side; AuditService itself is provided globally by DatabaseModule. */
@Module({ controllers: [AuditController] })
export class AuditModule {}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

/** Who is acting: a signed-in user, or the system itself (seed, bootstrap) when null. */
export interface Actor {
  id: number;
  username: string;
  role: 'editor' | 'reviewer' | 'admin';
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: number;
  claimId?: number | null;
  before?: object | null;
  after?: object | null;
}

@Injectable()
export class AuditService {
  /** Appends an event inside the caller's transaction, so the change and its record commit together. */
  async record(manager: EntityManager, actor: Actor | null, entry: AuditEntry, at = new Date()): Promise<void> {
    await manager.insert(AuditEvent, {
      at,
      userId: actor?.id ?? null,
      username: actor?.username ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      claimId: entry.claimId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }
}

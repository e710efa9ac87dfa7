import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AccessToken } from '../auth/access-token.entity';
import { hashPassword, verifyPassword } from '../auth/password';
import { UnprocessableError } from '../common/errors';
import { Env } from '../config/env';
import { Transactions } from '../database/transactions';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { ChangePasswordDto, SessionDto } from './dto/account.dto';

/** What every signed-in user may do to their own account: password, sessions, signing out everywhere. */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly env: Env,
  ) {}

  /**
   * Sets a new password after checking the current one. Every other session of the user ends; the
   * one making the change stays signed in. Audited (without either password).
   */
  async changePassword(actor: Actor, currentTokenHash: string, dto: ChangePasswordDto): Promise<void> {
    const user = await this.users.findForLogin(actor.username);
    if (!user || !(await verifyPassword(dto.currentPassword, user.passwordHash))) {
      throw new UnprocessableError('Your current password is not right; nothing was changed.', [{ field: 'currentPassword', reason: 'does not match your password' }]);
    }
    if (dto.newPassword === dto.currentPassword) {
      throw new UnprocessableError('The new password is the same as the current one.', [{ field: 'newPassword', reason: 'must differ from the current password' }]);
    }
    // Hash outside the transaction: slow on purpose, and it needs no lock.
    const passwordHash = await hashPassword(dto.newPassword, this.env.PASSWORD_SCRYPT_LOG_N);
    await this.tx.run(async (manager) => {
      // The hash read above is the one checked: a concurrent change of password makes this one stale.
      const result = await manager
        .createQueryBuilder()
        .update(User)
        .set({ passwordHash, updatedAt: new Date() })
        .where('id = :id AND password_hash = :old', { id: actor.id, old: user.passwordHash })
        .execute();
      if (!result.affected) {
        throw new UnprocessableError('Your password was changed meanwhile; nothing was changed.', [{ field: 'currentPassword', reason: 'no longer your password' }]);
      }
      const revoked = await this.revokeWhere(manager, actor.id, currentTokenHash);
      await this.audit.record(manager, actor, { action: 'user.password_change', entityType: 'user', entityId: actor.id, after: { otherSessionsEnded: revoked } });
    });
  }

  /** The user's live sessions (unrevoked, unexpired), newest first. */
  async sessions(actor: Actor, currentTokenHash: string): Promise<SessionDto[]> {
    const rows = await this.dataSource
      .getRepository(AccessToken)
      .createQueryBuilder('t')
      .where('t.user_id = :id', { id: actor.id })
      .andWhere('t.revoked_at IS NULL')
      .andWhere('t.expires_at > :now', { now: new Date().toISOString() })
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(200)
      .getMany();
    return rows.map((t) => ({
      id: t.id,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt ? t.lastUsedAt.toISOString() : null,
      expiresAt: t.expiresAt.toISOString(),
      current: t.tokenHash === currentTokenHash,
    }));
  }

  /** Ends one of the user's own sessions (404 for anyone else's). */
  async endSession(actor: Actor, id: number): Promise<void> {
    await this.tx.run(async (manager) => {
      const result = await manager.update(AccessToken, { id, userId: actor.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected) throw new NotFoundException(`You have no open session ${id}.`);
      await this.audit.record(manager, actor, { action: 'user.session_end', entityType: 'user', entityId: actor.id, after: { sessionId: id } });
    });
  }

  /** Ends every session of the user, this one included. Returns how many. */
  async signOutEverywhere(actor: Actor): Promise<number> {
    return this.tx.run(async (manager) => {
      const revoked = await this.revokeWhere(manager, actor.id, null);
      await this.audit.record(manager, actor, { action: 'user.sign_out_everywhere', entityType: 'user', entityId: actor.id, after: { sessionsEnded: revoked } });
      return revoked;
    });
  }

  /** Sets (or clears, with null) the user's interface language. Audited with the old and new value. */
  async setLanguage(actor: Actor, language: string | null): Promise<string | null> {
    return this.tx.run(async (manager) => {
      const before = await manager.findOne(User, { where: { id: actor.id }, select: { id: true, language: true } });
      if (!before) throw new NotFoundException(`User ${actor.id} does not exist.`);
      await manager.update(User, { id: actor.id }, { language, updatedAt: new Date() });
      await this.audit.record(manager, actor, {
        action: 'user.language',
        entityType: 'user',
        entityId: actor.id,
        before: { language: before.language },
        after: { language },
      });
      return language;
    });
  }

  /** Revokes the user's open tokens, except `keepTokenHash`. */
  private async revokeWhere(manager: EntityManager, userId: number, keepTokenHash: string | null): Promise<number> {
    const qb = manager
      .createQueryBuilder()
      .update(AccessToken)
      .set({ revokedAt: new Date() })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keepTokenHash) qb.andWhere(new Brackets((w) => w.where('token_hash <> :keep', { keep: keepTokenHash })));
    return (await qb.execute()).affected ?? 0;
  }
}

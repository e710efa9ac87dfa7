import { ConflictException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull, LessThan, Not } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AccessToken } from '../auth/access-token.entity';
import { UnprocessableError } from '../common/errors';
import { Env } from '../config/env';
import { Transactions } from '../database/transactions';
import { Role, User } from '../users/user.entity';
import { EnrolmentDto, RecoveryCodesDto, SecuritySettingsDto, TwoFactorStatusDto } from './dto/two-factor.dto';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCode, newTotpSecret, otpauthUrl, RECOVERY_CODE_COUNT, totpStep } from './totp';
import { RecoveryCode, SecuritySetting, SignInChallenge, TotpCredential } from './two-factor.entities';

const REQUIRE_KEY = 'require_two_factor';
/** The roles the desk may require two-factor of: those who can publish and manage users. */
export const TWO_FACTOR_ROLES: readonly Role[] = ['reviewer', 'admin'];
/** How long a password-checked web sign-in waits for its second factor, and how many wrong codes it takes. */
const CHALLENGE_TTL_MS = 5 * 60_000;
const CHALLENGE_ATTEMPTS = 5;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Wrong second factor: the same answer for a wrong TOTP code, a used one and a wrong recovery code. */
export function wrongSecondFactor(): UnauthorizedException {
  return new UnauthorizedException({
    statusCode: 401,
    error: 'Unauthorized',
    code: 'second_factor_invalid',
    message: 'Wrong two-factor code (or a code already used). Type the current code from your authenticator app, or a recovery code.',
  });
}

/**
 * TOTP second factor (RFC 6238), recovery codes, the desk's 2FA policy and the web sign-in's
 * pending second step. Every write in one transaction with its audit event.
 */
@Injectable()
export class TwoFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly env: Env,
  ) {}

  async status(actor: Actor): Promise<TwoFactorStatusDto> {
    const credential = await this.dataSource.getRepository(TotpCredential).findOneBy({ userId: actor.id });
    const recoveryCodesLeft = credential?.confirmedAt ? await this.dataSource.getRepository(RecoveryCode).countBy({ userId: actor.id, usedAt: IsNull() }) : 0;
    return {
      enabled: Boolean(credential?.confirmedAt),
      pending: Boolean(credential && !credential.confirmedAt),
      recoveryCodesLeft,
      required: await this.requiredFor(actor.role),
    };
  }

  async isEnabled(userId: number): Promise<boolean> {
    return this.dataSource.getRepository(TotpCredential).exists({ where: { userId, confirmedAt: Not(IsNull()) } });
  }

  /** Whether the desk requires two-factor of this role. */
  async requiredFor(role: Role): Promise<boolean> {
    return TWO_FACTOR_ROLES.includes(role) && (await this.settings()).requireTwoFactorForReviewersAndAdmins;
  }

  /** A user who must have two-factor and has none yet: sent to enrol before anything else. */
  async mustEnrol(actor: Actor): Promise<boolean> {
    return (await this.requiredFor(actor.role)) && !(await this.isEnabled(actor.id));
  }

  /** Starts (or restarts) an enrolment: a new secret, pending until confirmed with a code. */
  async startEnrolment(actor: Actor): Promise<EnrolmentDto> {
    const secret = newTotpSecret();
    await this.tx.run(async (manager) => {
      const current = await manager.findOneBy(TotpCredential, { userId: actor.id });
      if (current?.confirmedAt) {
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: 'Two-factor is already on for this account; an admin can reset it.' });
      }
      await manager.delete(TotpCredential, { userId: actor.id });
      await manager.insert(TotpCredential, { userId: actor.id, secret, createdAt: new Date(), confirmedAt: null, lastUsedStep: null });
    });
    const url = otpauthUrl(this.env.REPORT_PUBLISHER_NAME, actor.username, secret);
    // Loaded on the first enrolment, not at every start-up.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const QRCode = require('qrcode') as typeof import('qrcode');
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUrl: url, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  /** Confirms the pending enrolment with a current code; answers the ten recovery codes, once. */
  async confirmEnrolment(actor: Actor, code: string): Promise<RecoveryCodesDto> {
    return this.tx.run(async (manager) => {
      const credential = await manager
        .getRepository(TotpCredential)
        .createQueryBuilder('c')
        .addSelect('c.secret')
        .where('c.user_id = :id', { id: actor.id })
        .getOne();
      if (!credential || credential.confirmedAt) {
        throw new UnprocessableError('There is no enrolment waiting for a code: start one first.', [{ field: 'code', reason: 'no pending enrolment' }]);
      }
      const step = totpStep(credential.secret, code);
      if (step === null) {
        throw new UnprocessableError('That code does not match: check the time on your phone and type the code it shows now.', [
          { field: 'code', reason: 'does not match the authenticator app' },
        ]);
      }
      const now = new Date();
      await manager.update(TotpCredential, { userId: actor.id }, { confirmedAt: now, lastUsedStep: step });
      const recoveryCodes = await this.replaceRecoveryCodes(manager, actor.id, now);
      await this.audit.record(manager, actor, { action: 'user.two_factor.enable', entityType: 'user', entityId: actor.id, after: { enabled: true } });
      return { recoveryCodes };
    });
  }

  /** Ten new recovery codes for a user with two-factor on (a current code is required); the old ones stop working. */
  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<RecoveryCodesDto> {
    return this.tx.run(async (manager) => {
      if (!(await this.consumeSecondFactor(manager, actor.id, code, { recovery: false }))) {
        throw new UnprocessableError('That code does not match the authenticator app.', [{ field: 'code', reason: 'does not match the authenticator app' }]);
      }
      const recoveryCodes = await this.replaceRecoveryCodes(manager, actor.id, new Date());
      await this.audit.record(manager, actor, { action: 'user.two_factor.recovery_codes', entityType: 'user', entityId: actor.id });
      return { recoveryCodes };
    });
  }

  /**
   * An admin turns a user's two-factor off (a lost phone and no recovery code): the secret and
   * recovery codes are deleted and every session of that user ends. Audited.
   */
  async reset(actor: Actor, userId: number): Promise<void> {
    await this.tx.run(async (manager) => {
      if (!(await manager.existsBy(User, { id: userId }))) throw new NotFoundException(`User ${userId} does not exist.`);
      const had = await manager.existsBy(TotpCredential, { userId });
      await manager.delete(TotpCredential, { userId });
      await manager.delete(RecoveryCode, { userId });
      await manager.delete(SignInChallenge, { userId });
      const revoked = await manager.update(AccessToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.record(manager, actor, {
        action: 'user.two_factor.reset',
        entityType: 'user',
        entityId: userId,
        before: { enabled: had },
        after: { enabled: false, sessionsEnded: revoked.affected ?? 0 },
      });
    });
  }

  /**
   * Checks a second factor inside the caller's transaction and uses it up: a TOTP code's step must
   * be later than the last accepted one, a recovery code is marked used. False when wrong.
   */
  async consumeSecondFactor(manager: EntityManager, userId: number, code: string, options = { recovery: true }): Promise<boolean> {
    if (options.recovery && looksLikeRecoveryCode(code)) {
      const used = await manager
        .createQueryBuilder()
        .update(RecoveryCode)
        .set({ usedAt: new Date() })
        .where('user_id = :userId AND code_hash = :hash AND used_at IS NULL', { userId, hash: hashRecoveryCode(code) })
        .execute();
      return (used.affected ?? 0) === 1;
    }
    const credential = await manager
      .getRepository(TotpCredential)
      .createQueryBuilder('c')
      .addSelect('c.secret')
      .where('c.user_id = :userId AND c.confirmed_at IS NOT NULL', { userId })
      .getOne();
    if (!credential) return false;
    const step = totpStep(credential.secret, code);
    if (step === null) return false;
    const result = await manager
      .createQueryBuilder()
      .update(TotpCredential)
      .set({ lastUsedStep: step })
      .where('user_id = :userId AND (last_used_step IS NULL OR last_used_step < :step)', { userId, step })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async settings(): Promise<SecuritySettingsDto> {
    const row = await this.dataSource.getRepository(SecuritySetting).findOneBy({ key: REQUIRE_KEY });
    return { requireTwoFactorForReviewersAndAdmins: row?.value === 'true' };
  }

  async updateSettings(actor: Actor, dto: SecuritySettingsDto): Promise<SecuritySettingsDto> {
    return this.tx.run(async (manager) => {
      const before = await manager.findOneBy(SecuritySetting, { key: REQUIRE_KEY });
      const value = String(dto.requireTwoFactorForReviewersAndAdmins);
      await manager.upsert(SecuritySetting, { key: REQUIRE_KEY, value, updatedAt: new Date() }, ['key']);
      await this.audit.record(manager, actor, {
        action: 'settings.two_factor',
        entityType: 'settings',
        entityId: 0,
        before: { requireTwoFactorForReviewersAndAdmins: before?.value === 'true' },
        after: { requireTwoFactorForReviewersAndAdmins: dto.requireTwoFactorForReviewersAndAdmins },
      });
      return { requireTwoFactorForReviewersAndAdmins: dto.requireTwoFactorForReviewersAndAdmins };
    });
  }

  /** A web sign-in whose password was right: a short-lived challenge for the second step. Returns its token. */
  async openChallenge(userId: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.tx.run(async (manager) => {
      await manager.delete(SignInChallenge, { expiresAt: LessThan(now) });
      await manager.insert(SignInChallenge, {
        tokenHash: sha256(token),
        userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
        attempts: 0,
      });
    });
    return token;
  }

  /**
   * The second step of a web sign-in: the challenge's user when the code is right (the challenge
   * is then used up); a wrong code counts, and the challenge ends after a few.
   */
  async answerChallenge(token: string, code: string): Promise<number> {
    const outcome = await this.tx.run(async (manager) => {
      const challenge = await manager.findOneBy(SignInChallenge, { tokenHash: sha256(token) });
      if (!challenge || challenge.expiresAt.getTime() <= Date.now() || challenge.attempts >= CHALLENGE_ATTEMPTS) return 'expired' as const;
      if (await this.consumeSecondFactor(manager, challenge.userId, code)) {
        await manager.delete(SignInChallenge, { id: challenge.id });
        return challenge.userId;
      }
      await manager.update(SignInChallenge, { id: challenge.id }, { attempts: challenge.attempts + 1 });
      return 'wrong' as const;
    });
    if (outcome === 'expired') {
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'second_factor_expired',
        message: 'This sign-in has expired or had too many wrong codes: sign in again with your password.',
      });
    }
    if (outcome === 'wrong') throw wrongSecondFactor();
    return outcome;
  }

  private async replaceRecoveryCodes(manager: EntityManager, userId: number, now: Date): Promise<string[]> {
    await manager.delete(RecoveryCode, { userId });
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await manager.insert(
      RecoveryCode,
      codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: now, usedAt: null })),
    );
    return codes;
  }
}

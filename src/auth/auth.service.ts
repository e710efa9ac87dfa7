import { ForbiddenException, Injectable, Logger, OnApplicationShutdown, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { Actor } from '../audit/audit.service';
import { Env } from '../config/env';
import { Transactions } from '../database/transactions';
import { TwoFactorService, wrongSecondFactor } from '../two-factor/two-factor.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AccessToken } from './access-token.entity';
import { TokenDto } from './dto/login.dto';
import { hashPassword, passwordHashing, verifyPassword } from './password';
import { readRows } from '../database/read-rows';

/** How stale a token's "last used" may get before a request refreshes it. */
const TOUCH_EVERY_MS = 5 * 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Opaque bearer tokens: 32 random bytes handed to the client, only their SHA-256 stored. Any
 * instance sharing the database accepts them, and logout revokes them everywhere at once.
 */
@Injectable()
export class AuthService implements OnApplicationShutdown {
  private readonly logger = new Logger(AuthService.name);
  /**
   * Compared against when the username is unknown, so a miss costs as much as a wrong password.
   * Hashed a moment after start-up rather than during it (scrypt's 128 MiB and most of a second
   * of a core, which slowed every start), or by the first miss if that comes sooner.
   */
  private decoy: Promise<string> | undefined;
  private readonly decoyTimer: NodeJS.Timeout;
  /** When this process last recorded each token's use (ms), so a burst of requests writes it once. */
  private readonly touchedAt = new Map<number, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly users: UsersService,
    private readonly env: Env,
    private readonly twoFactor: TwoFactorService,
  ) {
    passwordHashing.concurrency = env.PASSWORD_HASH_CONCURRENCY;
    passwordHashing.queue = env.PASSWORD_HASH_QUEUE;
    this.decoyTimer = setTimeout(() => void this.decoyHash(), 2000).unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.decoyTimer);
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hashPassword(randomBytes(16).toString('hex'), this.env.PASSWORD_SCRYPT_LOG_N);
    return this.decoy;
  }

  /**
   * The API's sign-in: password, then (when the account has two-factor) `code`, a TOTP code or a
   * recovery code. An account the desk requires two-factor of and that has none is refused: its
   * user enrols on the web app's account page first.
   */
  async login(username: string, password: string, code?: string): Promise<TokenDto> {
    const user = await this.checkPassword(username, password);
    if (await this.twoFactor.isEnabled(user.id)) {
      if (!code) {
        throw new UnauthorizedException({
          statusCode: 401,
          error: 'Unauthorized',
          code: 'second_factor_required',
          message: 'This account uses two-factor: send the code from your authenticator app (or a recovery code) as "code".',
        });
      }
      const accepted = await this.tx.run((manager) => this.twoFactor.consumeSecondFactor(manager, user.id, code));
      if (!accepted) throw wrongSecondFactor();
    } else if (await this.twoFactor.requiredFor(user.role)) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        code: 'two_factor_enrolment_required',
        message: 'The desk requires two-factor for your role: sign in on the web app and enrol on your account page first.',
      });
    }
    return this.issueToken(user);
  }

  /**
   * The user whose username and password these are, active, when password sign-in is allowed for
   * them (LOCAL_PASSWORDS=off leaves only BREAK_GLASS_ADMIN); 401 otherwise.
   */
  async checkPassword(username: string, password: string): Promise<User> {
    if (this.env.LOCAL_PASSWORDS === 'off' && (username !== this.env.BREAK_GLASS_ADMIN || this.env.BREAK_GLASS_ADMIN === '')) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        code: 'local_passwords_off',
        message: 'Password sign-in is turned off on this desk: sign in with your organisation’s account (single sign-on).',
      });
    }
    const user = await this.users.findForLogin(username);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash()));
    if (!user || !valid || !user.active) {
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: 'Wrong username or password.' });
    }
    return user;
  }

  /** A new session (bearer token) for a user who has proved who they are. */
  async issueToken(user: Pick<User, 'id' | 'username' | 'role'>): Promise<TokenDto> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.env.TOKEN_TTL_HOURS * 3600_000);
    await this.tx.run((manager) =>
      manager.insert(AccessToken, { tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt, revokedAt: null, lastUsedAt: now }),
    );
    return { token, expiresAt: expiresAt.toISOString(), user: { id: user.id, username: user.username, role: user.role } };
  }

  async logout(tokenHash: string): Promise<void> {
    await this.tx.run((manager) => manager.update(AccessToken, { tokenHash, revokedAt: IsNull() }, { revokedAt: new Date() }));
  }

  /** The user a token belongs to, if it is valid, unexpired, unrevoked and the user is active. */
  async authenticate(token: string): Promise<Actor | null> {
    // Runs on every request: hand-written SQL, no query building.
    const postgres = this.dataSource.options.type === 'postgres';
    const [row]: {
      id: number;
      username: string;
      role: Actor['role'];
      language: string | null;
      active: boolean | number;
      tokenId: number;
      lastUsedAt: string | null;
    }[] = await readRows(
      this.dataSource.manager,
      `SELECT u.id, u.username, u.role, u.language, u.active, t.id AS "tokenId", t.last_used_at AS "lastUsedAt"
         FROM access_tokens t INNER JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = ${postgres ? '$1' : '?'} AND t.revoked_at IS NULL AND t.expires_at > ${postgres ? '$2' : '?'}`,
      [hashToken(token), new Date().toISOString()],
    );
    if (!row || !row.active) return null;
    await this.touch(Number(row.tokenId), row.lastUsedAt);
    return { id: Number(row.id), username: row.username, role: row.role, language: row.language ?? null };
  }

  /**
   * Records when a token was last used, for the user's list of sessions. At most one write every
   * TOUCH_EVERY_MS per token, so reads stay reads; the time is approximate by that much.
   */
  private async touch(tokenId: number, lastUsedAt: string | null): Promise<void> {
    const now = new Date();
    if (lastUsedAt && now.getTime() - Date.parse(lastUsedAt) < TOUCH_EVERY_MS) return;
    // Requests that arrive together with a stale time would each queue the same write: the first does it.
    const touched = this.touchedAt.get(tokenId);
    if (touched !== undefined && now.getTime() - touched < TOUCH_EVERY_MS) return;
    if (this.touchedAt.size >= 10_000) this.touchedAt.clear();
    this.touchedAt.set(tokenId, now.getTime());
    try {
      await this.tx.run((manager) => manager.update(AccessToken, { id: tokenId }, { lastUsedAt: now }));
    } catch (error) {
      // Only bookkeeping: a busy or read-only database must not refuse the request itself.
      this.logger.warn(`Could not record the use of sign-in token ${tokenId}: ${(error as Error).message}`);
    }
  }

  /** Removes expired and revoked tokens older than a day; called at start-up. */
  async purgeExpired(): Promise<void> {
    const cutoff = new Date(Date.now() - 24 * 3600_000);
    await this.tx.run((manager) =>
      manager
        .createQueryBuilder()
        .delete()
        .from(AccessToken)
        .where('expires_at < :cutoff OR revoked_at < :cutoff', { cutoff: cutoff.toISOString() })
        .execute(),
    );
  }
}

import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AccessToken } from '../auth/access-token.entity';
import { hashPassword, randomPassword } from '../auth/password';
import { StaleVersionError, UnprocessableError } from '../common/errors';
import { Env } from '../config/env';
import { Transactions } from '../database/transactions';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto';
import { Role, User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly env: Env,
  ) {}

  static toDto(user: User): UserDto {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      active: user.active,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
      version: user.version,
    };
  }

  async list(): Promise<UserDto[]> {
    const users = await this.dataSource.getRepository(User).find({ order: { username: 'ASC' } });
    return users.map(UsersService.toDto);
  }

  async get(id: number): Promise<UserDto> {
    return UsersService.toDto(await this.findOrFail(this.dataSource.manager, id));
  }

  async create(actor: Actor | null, dto: CreateUserDto): Promise<UserDto> {
    // Hash outside the transaction: it is slow on purpose and needs no lock.
    const passwordHash = await hashPassword(dto.password, this.env.PASSWORD_SCRYPT_LOG_N);
    return this.tx.run(async (manager) => {
      if (await manager.existsBy(User, { username: dto.username })) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `The username "${dto.username}" is taken.`,
          errors: [{ field: 'username', reason: 'already taken' }],
        });
      }
      const now = new Date();
      const user = await manager.save(
        manager.create(User, {
          username: dto.username,
          displayName: dto.displayName ?? dto.username,
          role: dto.role,
          active: true,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const result = UsersService.toDto(user);
      await this.audit.record(manager, actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: result });
      return result;
    });
  }

  async update(actor: Actor, id: number, dto: UpdateUserDto): Promise<UserDto> {
    const passwordHash = dto.password ? await hashPassword(dto.password, this.env.PASSWORD_SCRYPT_LOG_N) : undefined;
    return this.tx.run(async (manager) => {
      const current = await this.findOrFail(manager, id);
      const before = UsersService.toDto(current);
      const losesAdmin = current.role === 'admin' && current.active && ((dto.role && dto.role !== 'admin') || dto.active === false);
      if (losesAdmin && (await manager.countBy(User, { role: 'admin', active: true })) <= 1) {
        throw new UnprocessableError('This is the last active admin: make another user admin first.', [
          { field: dto.active === false ? 'active' : 'role', reason: 'would leave the desk without an active admin' },
        ]);
      }
      const changes: Partial<User> = { updatedAt: new Date() };
      if (dto.role !== undefined) changes.role = dto.role;
      if (dto.displayName !== undefined) changes.displayName = dto.displayName;
      if (dto.active !== undefined) changes.active = dto.active;
      if (passwordHash) changes.passwordHash = passwordHash;
      const result = await manager
        .createQueryBuilder()
        .update(User)
        .set(changes)
        .where('id = :id AND version = :version', { id, version: dto.version })
        .execute();
      if (!result.affected) throw new StaleVersionError('User', id, dto.version, current.version);
      if (passwordHash || dto.active === false || (dto.role !== undefined && dto.role !== current.role)) {
        // A new password, a deactivation or a new role signs the user out everywhere.
        await manager.update(AccessToken, { userId: id, revokedAt: IsNull() }, { revokedAt: new Date() });
      }
      const after = UsersService.toDto(await this.findOrFail(manager, id));
      await this.audit.record(manager, actor, {
        action: passwordHash ? 'user.update+password' : 'user.update',
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * On the very first start (no users at all) create `admin` with a random password, printed once.
   * Returns the password, or null when users already exist.
   */
  async bootstrapAdmin(): Promise<string | null> {
    if ((await this.dataSource.getRepository(User).count()) > 0) return null;
    const password = randomPassword();
    try {
      await this.create(null, { username: 'admin', displayName: 'Administrator', role: 'admin', password });
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (error instanceof ConflictException) return null;
      throw error;
    }
    return password;
  }

  async findForLogin(username: string): Promise<(User & { passwordHash: string }) | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne() as Promise<(User & { passwordHash: string }) | null>;
  }

  async countByRole(): Promise<Record<Role, number>> {
    const rows = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .select('u.role', 'role')
      .addSelect('COUNT(*)', 'count')
      .groupBy('u.role')
      .getRawMany<{ role: Role; count: string | number }>();
    const counts = { editor: 0, reviewer: 0, admin: 0 };
    for (const row of rows) counts[row.role] = Number(row.count);
    return counts;
  }

  private async findOrFail(manager: EntityManager, id: number): Promise<User> {
    const user = await manager.findOneBy(User, { id });
    if (!user) throw new NotFoundException(`User ${id} does not exist.`);
    return user;
  }
}

import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { InstantColumnOptions } from '../database/columns';

export const ROLES = ['editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  /** scrypt$N$r$p$salt$hash; never selected unless asked for explicitly. */
  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Index('ix_users_role')
  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'boolean' })
  active: boolean;

  /** Interface language (src/i18n LANGUAGES); null: the browser's Accept-Language decides. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  language: string | null;

  @Column(InstantColumnOptions())
  createdAt: Date;

  @Column(InstantColumnOptions())
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

import { EntityManager, In } from 'typeorm';
import { UserRefDto } from './dto/user.dto';
import { User } from './user.entity';

type Named = Pick<User, 'id' | 'username' | 'displayName'>;

/** The people a page of rows mentions (authors, reviewers, assignees), in one query. */
export async function loadUsers(manager: EntityManager, ids: (number | null)[]): Promise<Map<number, Named>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await manager.find(User, { where: { id: In(wanted) }, select: ['id', 'username', 'displayName'] });
  return new Map(users.map((u) => [u.id, u]));
}

/** The same, as the `{ id, username }` references API responses carry. */
export async function loadUserRefs(manager: EntityManager, ids: (number | null)[]): Promise<Map<number, UserRefDto>> {
  const users = await loadUsers(manager, ids);
  return new Map([...users].map(([id, u]) => [id, { id, username: u.username }]));
}

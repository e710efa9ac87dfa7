import { MessageKey, t } from '../i18n/i18n';
import { Injectable } from '@nestjs/common';
import { CreateUserDto, UpdateUserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { carried, ConfirmPage, isConfirmed } from './views/confirm';
import { UsersPage } from './views/users';
import { field, problemOf, validateAs } from './web.http';
import { page, redirect, Viewer, WebResult } from './web.types';

const NOTICES: Record<string, MessageKey> = {
  created: 'users.notice.created',
  saved: 'users.notice.saved',
  password: 'users.notice.password',
  twoFactorReset: 'users.notice.twoFactorReset',
};

@Injectable()
export class UserPages {
  constructor(private readonly users: UsersService) {}

  async list(viewer: Viewer, query: Record<string, string | undefined>, problem?: { message: string; errors: { field: string; reason: string }[] }, status = 200): Promise<WebResult> {
    const notice = Object.keys(NOTICES).find((k) => query[k] !== undefined);
    return page(UsersPage({ viewer, users: await this.users.list(), notice: notice ? t(viewer.lang, NOTICES[notice]) : undefined, ...problem }), status);
  }

  async create(viewer: Viewer, body: Record<string, unknown>): Promise<WebResult> {
    const display = field(body, 'displayName').trim();
    const input = await validateAs(CreateUserDto, {
      username: field(body, 'username').trim(),
      role: field(body, 'role'),
      password: field(body, 'password'),
      ...(display ? { displayName: display } : {}),
    });
    if (!input.ok) return this.list(viewer, {}, { message: t(viewer.lang, 'users.problem.notCreated'), errors: input.errors }, 422);
    return this.attempt(viewer, () => this.users.create(viewer.user, input.value), '/users?created=1');
  }

  async update(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const input = await validateAs(UpdateUserDto, { version: Number(field(body, 'version')), role: field(body, 'role'), active: field(body, 'active') === 'true' });
    if (!input.ok) return this.list(viewer, {}, { message: t(viewer.lang, 'users.problem.notSaved'), errors: input.errors }, 422);
    // Deactivating signs the user out everywhere: asked again on a confirm page first.
    const target = (await this.users.list()).find((u) => u.id === id);
    if (target?.active && input.value.active === false && !isConfirmed(body)) {
      return page(
        ConfirmPage({
          viewer,
          question: t(viewer.lang, 'confirm.deactivate.question', { username: target.username }),
          consequence: t(viewer.lang, 'confirm.deactivate.consequence', { username: target.username }),
          action: `/users/${id}`,
          fields: carried(body),
          confirmLabel: t(viewer.lang, 'confirm.deactivate.yes', { username: target.username }),
          cancelHref: '/users',
          section: 'users',
        }),
      );
    }
    return this.attempt(viewer, () => this.users.update(viewer.user, id, input.value), '/users?saved=1');
  }

  async resetPassword(viewer: Viewer, id: number, body: Record<string, unknown>): Promise<WebResult> {
    const input = await validateAs(UpdateUserDto, { version: Number(field(body, 'version')), password: field(body, 'password') });
    if (!input.ok) return this.list(viewer, {}, { message: t(viewer.lang, 'users.problem.passwordNotReset'), errors: input.errors }, 422);
    return this.attempt(viewer, () => this.users.update(viewer.user, id, input.value), '/users?password=1');
  }

  private async attempt(viewer: Viewer, work: () => Promise<unknown>, done: string): Promise<WebResult> {
    try {
      await work();
      return redirect(done);
    } catch (error) {
      const problem = problemOf(error, viewer.lang);
      if (!problem) throw error;
      return this.list(viewer, {}, problem, problem.status);
    }
  }
}

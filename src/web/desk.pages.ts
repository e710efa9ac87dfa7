import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service';
import { CLAIM_KINDS, CLAIM_STATUSES, type ClaimKind, type ClaimStatus } from '../claims/claim.entity';
import { ClaimsService } from '../claims/claims.service';
import { BulkRequestDto, BulkResultDto, LaneQueryDto } from '../desk/dto/desk.dto';
import { DeskService } from '../desk/desk.service';
import { Lane, LANES, lanesFor } from '../desk/lanes';
import { UsersService } from '../users/users.service';
import { ClaimsFilter, ClaimsIndexPage, LanesPage } from './views/desk';
import { field, pageNumber, validateAs } from './web.http';
import { page, Viewer, WebResult } from './web.types';

/** The review queue's lanes and the claims page with bulk actions: the same DeskService as the API. */
@Injectable()
export class DeskPages {
  constructor(
    private readonly desk: DeskService,
    private readonly claims: ClaimsService,
    private readonly articles: ArticlesService,
    private readonly users: UsersService,
  ) {}

  async lanes(viewer: Viewer, query: Record<string, string | undefined>): Promise<WebResult> {
    const mine = lanesFor(viewer.user.role);
    const lane: Lane = LANES.includes(query.lane as Lane) && mine.includes(query.lane as Lane) ? (query.lane as Lane) : mine[0];
    const order = query.order === 'asc' || query.order === 'desc' ? query.order : undefined;
    const lanes = await this.desk.lanes(viewer.user);
    const current = await this.desk.lane(viewer.user, lane, Object.assign(new LaneQueryDto(), { page: pageNumber(query.page), pageSize: 50, order }));
    return page(LanesPage({ viewer, lanes: lanes.lanes, current, order, now: new Date() }));
  }

  async list(viewer: Viewer, query: Record<string, unknown>, results?: BulkResultDto, problem?: { message: string; errors: { field: string; reason: string }[] }, status = 200): Promise<WebResult> {
    const filter = readFilter(query);
    const me = viewer.user;
    const claims = await this.claims.list({
      page: pageNumber(field(query, 'page')),
      pageSize: 50,
      q: filter.q || undefined,
      status: filter.status ? [filter.status as ClaimStatus] : undefined,
      kind: filter.kind ? [filter.kind as ClaimKind] : undefined,
      unattributed: filter.unattributed === '' ? undefined : filter.unattributed === 'true',
      ...(filter.mine ? (me.role === 'reviewer' ? { assigneeId: me.id } : { createdById: me.id }) : {}),
      sort: 'updatedAt',
      order: 'desc',
    });
    const titles = new Map([...(await this.articles.titlesOf(claims.items.map((c) => c.articleId)))].map(([id, a]) => [id, a.title]));
    const assignees =
      me.role === 'admin'
        ? (await this.users.list()).filter((u) => u.active && (u.role === 'reviewer' || u.role === 'admin')).map((u) => ({ id: u.id, username: u.username }))
        : [];
    const named = results ? await this.desk.textsOf(results.results.map((r) => r.id)) : new Map<number, string>();
    return page(ClaimsIndexPage({ viewer, claims, titles, filter, assignees, results, named, problem }), status);
  }

  /** Bulk action on the ticked claims (`item` = "id:version"); the list comes back with one result per claim. */
  async bulk(viewer: Viewer, body: Record<string, unknown>): Promise<WebResult> {
    const back = Object.fromEntries(new URLSearchParams(field(body, 'back')));
    const raw = body.item === undefined ? [] : Array.isArray(body.item) ? body.item : [body.item];
    const items = raw
      .filter((v): v is string => typeof v === 'string' && /^\d{1,9}:\d{1,9}$/.test(v))
      .map((v) => ({ id: Number(v.split(':')[0]), version: Number(v.split(':')[1]) }));
    const action = field(body, 'action');
    const assignee = field(body, 'assigneeId').trim();
    const input = await validateAs(BulkRequestDto, {
      action,
      items,
      ...(action === 'assign' ? { assigneeId: assignee === '' ? null : /^\d{1,9}$/.test(assignee) ? Number(assignee) : assignee } : {}),
      ...(action === 'kind' ? { kind: field(body, 'kind') } : {}),
    });
    if (!input.ok) {
      const errors = input.errors.map((e) => (e.field === 'items' ? { field: 'claims', reason: 'tick at least one claim' } : e));
      return this.list(viewer, back, undefined, { message: 'Nothing was changed.', errors }, 422);
    }
    const results = await this.desk.bulk(viewer.user, input.value);
    return this.list(viewer, back, results);
  }
}

function readFilter(query: Record<string, unknown>): ClaimsFilter {
  const status = field(query, 'status');
  const kind = field(query, 'kind');
  const unattributed = field(query, 'unattributed');
  return {
    q: field(query, 'q').trim().slice(0, 200),
    status: (CLAIM_STATUSES as readonly string[]).includes(status) ? status : '',
    kind: (CLAIM_KINDS as readonly string[]).includes(kind) ? kind : '',
    unattributed: unattributed === 'true' || unattributed === 'false' ? unattributed : '',
    mine: field(query, 'mine') === '1',
  };
}

import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { type MessageKey, t } from '../i18n/i18n';
import { PageQueryDto } from '../common/dto/pagination.dto';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CreateWebhookDto, UpdateWebhookDto } from '../webhooks/dto/webhook.dto';
import { WebhooksService } from '../webhooks/webhooks.service';
import type { WebRequest } from './session';
import { WebhookFormValues, WebhookPage, WebhooksPage } from './views/webhooks';
import { viewerOf } from './web.guard';
import { field, pageNumber, problemOf, reply, validateAs, WebController } from './web.http';
import { page, redirect, Viewer, WebResult } from './web.types';

const NOTICES = { saved: 'webhooks.settings.saved', tested: 'webhooks.test.queued' } as const satisfies Record<string, MessageKey>;

type Problem = { message: string; errors: { field: string; reason: string }[] };

const values = (body: Record<string, unknown>): WebhookFormValues => {
  const events = body.events;
  return {
    url: field(body, 'url').trim(),
    description: field(body, 'description').trim(),
    events: Array.isArray(events) ? events.filter((e): e is string => typeof e === 'string') : typeof events === 'string' ? [events] : [],
  };
};

/** The admins' webhooks pages: endpoints, registering one (its secret shown once), settings, test events and the delivery log. */
@Roles('admin')
@WebController('webhooks')
export class WebhooksWebController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  async list(@Req() request: WebRequest, @Res() response: Response, @Query() query: Record<string, string | undefined>): Promise<void> {
    reply(response, await this.listPage(viewerOf(request), pageNumber(query.page), { url: '', description: '', events: [] }));
  }

  @Post()
  async create(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const viewer = viewerOf(request);
    const form = values(body);
    const secret = field(body, 'secret');
    const input = await validateAs(CreateWebhookDto, { ...form, ...(secret ? { secret } : {}) });
    if (!input.ok) return reply(response, await this.listPage(viewer, 1, form, undefined, { message: t(viewer.lang, 'webhooks.new.notRegistered'), errors: input.errors }, 422));
    try {
      const created = await this.webhooks.create(viewer.user, input.value);
      // Rendered, not redirected: the secret exists in this response only.
      reply(response, await this.listPage(viewer, 1, { url: '', description: '', events: [] }, { id: created.id, url: created.url, secret: created.secret }));
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      reply(response, await this.listPage(viewer, 1, form, undefined, problem, problem.status));
    }
  }

  @Get(':id')
  async view(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Query() query: Record<string, string | undefined>): Promise<void> {
    const viewer = viewerOf(request);
    const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => query[k] !== undefined);
    reply(response, await this.detailPage(viewer, id, pageNumber(query.page), null, notice ? t(viewer.lang, NOTICES[notice]) : undefined));
  }

  @Post(':id')
  async update(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>): Promise<void> {
    const viewer = viewerOf(request);
    const form = values(body);
    const secret = field(body, 'secret');
    const input = await validateAs(UpdateWebhookDto, {
      version: Number(field(body, 'version')),
      url: form.url,
      description: form.description,
      events: form.events,
      active: field(body, 'active') === 'true',
      ...(secret ? { secret } : {}),
    });
    if (!input.ok) return reply(response, await this.detailPage(viewer, id, 1, form, undefined, { message: t(viewer.lang, 'webhooks.settings.notSaved'), errors: input.errors }, 422));
    try {
      await this.webhooks.update(viewer.user, id, input.value);
      reply(response, redirect(`/webhooks/${id}?saved=1`));
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) throw error;
      reply(response, await this.detailPage(viewer, id, 1, form, undefined, problem, problem.status));
    }
  }

  @Post(':id/test')
  async sendTest(@Req() request: WebRequest, @Res() response: Response, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.webhooks.sendTest(viewerOf(request).user, id);
    reply(response, redirect(`/webhooks/${id}?tested=1`));
  }

  private async listPage(viewer: Viewer, pageNo: number, form: WebhookFormValues, created?: { id: number; url: string; secret: string }, problem?: Problem, status = 200): Promise<WebResult> {
    const endpoints = await this.webhooks.list(Object.assign(new PageQueryDto(), { page: pageNo }));
    const disabled = await this.webhooks.disabledByFailures();
    return page(WebhooksPage({ viewer, endpoints, disabled, values: form, created, ...problem }), status);
  }

  private async detailPage(viewer: Viewer, id: number, pageNo: number, form: WebhookFormValues | null, notice?: string, problem?: Problem, status = 200): Promise<WebResult> {
    const endpoint = await this.webhooks.get(id);
    const deliveries = await this.webhooks.deliveries(id, Object.assign(new PageQueryDto(), { page: pageNo }));
    const shown = form ?? { url: endpoint.url, description: endpoint.description, events: endpoint.events };
    return page(WebhookPage({ viewer, endpoint, deliveries, values: shown, notice, ...problem }), status);
  }
}

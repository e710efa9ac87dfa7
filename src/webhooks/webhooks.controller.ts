import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentUser, Public, Roles } from '../auth/auth.decorators';
import { Page, PageQueryDto } from '../common/dto/pagination.dto';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ApiPageResponse } from '../openapi/api-responses';
import { CreatedWebhookDto, CreateWebhookDto, UpdateWebhookDto, WebhookDeliveryDto, WebhookDto, WebhookTestDto } from './dto/webhook.dto';
import { WEBHOOK_EVENT_SCHEMA } from './webhook-schema';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** The JSON Schema of every delivery's body (also in this document as the WebhookEvent component). */
  @Public()
  @ApiOkResponse({ description: 'A JSON Schema (draft-07).', schema: { type: 'object', additionalProperties: true } })
  @Get('schema.json')
  schema(): object {
    return WEBHOOK_EVENT_SCHEMA;
  }

  /** Every registered endpoint, without secrets. */
  @Roles('admin')
  @ApiPageResponse(WebhookDto)
  @Get()
  list(@Query() query: PageQueryDto): Promise<Page<WebhookDto>> {
    return this.webhooks.list(query);
  }

  /** Registers an endpoint: its URL must be http(s) and public (checked on every address it resolves to). The secret is in this response only. */
  @Roles('admin')
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @Post()
  create(@CurrentUser() actor: Actor, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return this.webhooks.create(actor, dto);
  }

  /** One endpoint, without its secret. */
  @Roles('admin')
  @Get(':id')
  get(@Param('id', ParseIdPipe) id: number): Promise<WebhookDto> {
    return this.webhooks.get(id);
  }

  /** Changes the URL, events, description or secret, turns it off or back on; `version` must match (409 otherwise). */
  @Roles('admin')
  @Patch(':id')
  update(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.update(actor, id, dto);
  }

  /** The endpoint's delivery log, one row per try, newest first (`order=asc` for oldest). */
  @Roles('admin')
  @ApiPageResponse(WebhookDeliveryDto)
  @Get(':id/deliveries')
  deliveries(@Param('id', ParseIdPipe) id: number, @Query() query: PageQueryDto): Promise<Page<WebhookDeliveryDto>> {
    return this.webhooks.deliveries(id, query);
  }

  /** Queues a `webhook.test` event for this endpoint alone; its tries appear in the delivery log. */
  @Roles('admin')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: WebhookTestDto })
  @Post(':id/test')
  sendTest(@CurrentUser() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<WebhookTestDto> {
    return this.webhooks.sendTest(actor, id);
  }
}

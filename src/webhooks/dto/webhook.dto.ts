import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { OptionalNotNull } from '../../common/validation';
import { UserRefDto } from '../../users/dto/user.dto';
import { WEBHOOK_EVENTS, type WebhookEventType } from '../events';
import { DELIVERY_OUTCOMES, type DeliveryOutcome } from '../webhook.entities';

export class CreateWebhookDto {
  /** Where deliveries are POSTed: http(s), no credentials, a public address (see WEBHOOK_ALLOW_HOSTS). */
  @IsString()
  @MaxLength(2048)
  url: string;

  /** What the endpoint is for, for the admins' list. */
  @IsOptional()
  @IsString()
  @Length(0, 200)
  description?: string;

  /** The events to deliver (at least one). */
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEventType[];

  /** The signing secret (16 to 200 characters); left out, one is generated. Returned once, in this response. */
  @IsOptional()
  @IsString()
  @Length(16, 200)
  secret?: string;
}

export class UpdateWebhookDto {
  @IsInt()
  @Min(1)
  version: number;

  @OptionalNotNull()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @OptionalNotNull()
  @IsString()
  @Length(0, 200)
  description?: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, required: false })
  @OptionalNotNull()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEventType[];

  /** false turns deliveries off; true turns a disabled endpoint back on and clears its failure count. */
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  /** A new signing secret (16 to 200 characters); deliveries sign with it from now on. */
  @OptionalNotNull()
  @IsString()
  @Length(16, 200)
  secret?: string;
}

/** An endpoint as admins see it: never its secret. */
export class WebhookDto {
  id: number;
  url: string;
  description: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  events: WebhookEventType[];

  active: boolean;

  /** Failed tries since the last success; at WEBHOOK_DISABLE_AFTER the endpoint is disabled. */
  consecutiveFailures: number;

  @ApiProperty({ type: String, nullable: true })
  disabledAt: string | null;

  /** Why it was disabled (after repeated failures, or by whom). */
  @ApiProperty({ type: String, nullable: true })
  disabledReason: string | null;

  @ApiProperty({ type: UserRefDto, nullable: true })
  createdBy: UserRefDto | null;

  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The endpoint just registered, with its signing secret: the only response that carries it. */
export class CreatedWebhookDto extends WebhookDto {
  secret: string;
}

/** One try of one delivery. */
export class WebhookDeliveryDto {
  id: number;

  /** The delivery id (X-Claimtrail-Delivery): the same on every try of one delivery. */
  messageId: number;

  /** The event's id (the payload's `id`). */
  eventId: string;

  event: string;

  /** 1 for the first try. */
  attempt: number;

  /** delivered (2xx), failed (no answer, or another status: retried), refused (a forbidden address: not retried). */
  @ApiProperty({ enum: DELIVERY_OUTCOMES })
  outcome: DeliveryOutcome;

  @ApiProperty({ type: 'integer', nullable: true })
  httpStatus: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  latencyMs: number | null;

  /** The first 500 characters of the response body. */
  @ApiProperty({ type: String, nullable: true })
  responseExcerpt: string | null;

  @ApiProperty({ type: String, nullable: true })
  error: string | null;

  at: string;
}

/** The test event queued for the endpoint (delivered by the outbox worker within a poll or two). */
export class WebhookTestDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload queued, as described by the WebhookEvent schema.', allOf: [{ $ref: getSchemaPath('WebhookEvent') }] })
  event: Record<string, unknown>;
}

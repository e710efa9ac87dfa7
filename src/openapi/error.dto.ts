import { ApiProperty } from '@nestjs/swagger';

/** One field-level problem: which input, and why (the same shape as FieldError in common/errors.ts). */
export class FieldErrorDto {
  @ApiProperty({ example: 'quote' })
  field: string;

  @ApiProperty({ example: 'quote must be shorter than or equal to 2000 characters' })
  reason: string;
}

/** Every 4xx/5xx body of the API (common/all-exceptions.filter.ts, common/validation.ts, common/errors.ts). */
export class ErrorDto {
  @ApiProperty({ type: 'integer', example: 422 })
  statusCode: number;

  @ApiProperty({
    example: 'stale_version',
    description:
      'Stable, machine-readable: what went wrong, whatever the language of `message` (e.g. validation_failed, not_found, stale_version, role_required, unauthenticated, invalid_credentials, unprocessable, conflict, rate_limited, internal_error).',
  })
  code: string;

  @ApiProperty({ required: false, example: 'Unprocessable Entity' })
  error?: string;

  @ApiProperty({ description: 'What went wrong, in words, in the language asked for (Accept-Language, else the user’s setting, else English); for validation errors in English, every field with its reason.' })
  message: string;

  @ApiProperty({ type: [FieldErrorDto], required: false, description: 'Each field that was refused and why.' })
  errors?: FieldErrorDto[];

  @ApiProperty({ type: 'integer', nullable: true, required: false, description: '409 only: the version the row has now.' })
  currentVersion?: number | null;
}

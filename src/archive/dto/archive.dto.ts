import { ApiProperty } from '@nestjs/swagger';
import { ARCHIVE_STATUSES, type ArchiveStatus } from '../evidence-archive.entity';

/** An evidence link's archived copy: how and when it was captured, and its readable text. */
export class ArchiveDto {
  evidenceLinkId: number;

  @ApiProperty({ enum: ARCHIVE_STATUSES })
  status: ArchiveStatus;

  /** Captures tried so far. */
  attempts: number;

  /** When the next try is due (pending after a failure). */
  @ApiProperty({ type: String, nullable: true })
  nextAttemptAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  /** The address after redirects. */
  @ApiProperty({ type: String, nullable: true })
  finalUrl: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  httpStatus: number | null;

  @ApiProperty({ type: String, nullable: true })
  contentType: string | null;

  @ApiProperty({ type: String, nullable: true })
  retrievedAt: string | null;

  /** SHA-256 of the body as received, hex. */
  @ApiProperty({ type: String, nullable: true })
  sha256: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  bodyBytes: number | null;

  @ApiProperty({ type: String, nullable: true })
  title: string | null;

  /** The page's readable text (Mozilla Readability). */
  @ApiProperty({ type: String, nullable: true })
  readableText: string | null;
}

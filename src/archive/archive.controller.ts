import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ArchiveService } from './archive.service';
import { ArchiveDto } from './dto/archive.dto';
import type { EvidenceArchive } from './evidence-archive.entity';

export function toArchiveDto(a: EvidenceArchive): ArchiveDto {
  return {
    evidenceLinkId: a.evidenceLinkId,
    status: a.status,
    attempts: a.attempts,
    nextAttemptAt: a.nextAttemptAt?.toISOString() ?? null,
    lastError: a.lastError,
    finalUrl: a.finalUrl,
    httpStatus: a.httpStatus,
    contentType: a.contentType,
    retrievedAt: a.retrievedAt?.toISOString() ?? null,
    sha256: a.sha256,
    bodyBytes: a.bodyBytes,
    title: a.title,
    readableText: a.readableText,
  };
}

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api/evidence/:id/archive')
export class ArchiveController {
  constructor(private readonly archives: ArchiveService) {}

  /** The archived copy of an evidence link: capture metadata and readable text (404 until one is queued). */
  @Get()
  async get(@Param('id', ParseIdPipe) id: number): Promise<ArchiveDto> {
    return toArchiveDto(await this.archives.forLink(id));
  }

  /** The captured body as received, as a download (never rendered on this site). */
  @ApiOkResponse({ description: 'The body as captured; its original type is in the archive metadata.', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @Get('body')
  async body(@Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const { body } = await this.archives.body(id);
    // Someone else's page must not run as ours: a download, no sniffing, sandboxed if opened anyway.
    response.setHeader('Content-Security-Policy', 'sandbox');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(body, { type: 'application/octet-stream', disposition: `attachment; filename="evidence-${id}-archive"` });
  }
}

import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { Public } from '../auth/auth.decorators';
import { Env } from '../config/env';
import { pageNumber } from '../web/web.http';
import { PublicService } from './public.service';
import { PublicArchivePage, PublicCheckPage, PublicListingPage, PublicNotFoundPage } from './views';
import { Lang, negotiateLanguage } from '../i18n/i18n';

/** Readers may cache a page for five minutes, then revalidate it cheaply with its ETag. */
const CACHE_CONTROL = 'public, max-age=300, must-revalidate';

/**
 * The desk's public fact-check pages: no sign-in, published claims only. Each answer carries a
 * strong ETag (SHA-256 of the page), so a reader's or a CDN's revalidation costs a 304.
 */
@Public()
@ApiExcludeController()
@Controller('checks')
export class PublicController {
  constructor(
    private readonly pages: PublicService,
    private readonly env: Env,
  ) {}

  @Get()
  async listing(@Req() request: Request, @Res() response: Response, @Query('page') page?: string): Promise<void> {
    const listing = (await this.pages.listing(pageNumber(page)))!;
    send(request, response, 200, PublicListingPage({ listing, siteName: this.env.REPORT_PUBLISHER_NAME, lang: readerLanguage(request), url: `${this.pages.origin()}/checks` }));
  }

  @Get('articles/:id')
  async article(@Req() request: Request, @Res() response: Response, @Param('id') id: string, @Query('page') page?: string): Promise<void> {
    const articleId = toId(id);
    const listing = articleId === null ? null : await this.pages.listing(pageNumber(page), articleId);
    const url = `${this.pages.origin()}/checks/articles/${articleId ?? ''}`;
    if (!listing) return send(request, response, 404, PublicNotFoundPage({ siteName: this.env.REPORT_PUBLISHER_NAME, lang: readerLanguage(request), url }));
    send(request, response, 200, PublicListingPage({ listing, siteName: this.env.REPORT_PUBLISHER_NAME, lang: readerLanguage(request), url }));
  }

  @Get(':id/evidence/:linkId/archive')
  async archive(@Req() request: Request, @Res() response: Response, @Param('id') id: string, @Param('linkId') linkId: string): Promise<void> {
    const claimId = toId(id);
    const evidenceId = toId(linkId);
    const found = claimId === null || evidenceId === null ? null : await this.pages.archivedCopy(claimId, evidenceId);
    const url = `${this.pages.origin()}/checks/${claimId ?? ''}/evidence/${evidenceId ?? ''}/archive`;
    if (!found) return send(request, response, 404, PublicNotFoundPage({ siteName: this.env.REPORT_PUBLISHER_NAME, lang: readerLanguage(request), url }));
    send(request, response, 200, PublicArchivePage({ ...found, siteName: this.env.REPORT_PUBLISHER_NAME, lang: readerLanguage(request), url }));
  }

  @Get(':id')
  async check(@Req() request: Request, @Res() response: Response, @Param('id') id: string): Promise<void> {
    const claimId = toId(id);
    const check = claimId === null ? null : await this.pages.check(claimId);
    if (!check) return send(request, response, 404, PublicNotFoundPage({ siteName: this.env.REPORT_PUBLISHER_NAME, lang: readerLanguage(request), url: `${this.pages.origin()}/checks` }));
    send(request, response, 200, PublicCheckPage({ check, siteName: this.env.REPORT_PUBLISHER_NAME, lang: readerLanguage(request) }));
  }
}

function toId(raw: string): number | null {
  return /^\d{1,9}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null;
}

/** Readers are anonymous: the pages follow the browser's Accept-Language. */
function readerLanguage(request: Request): Lang {
  return negotiateLanguage(request.headers['accept-language']);
}

function send(request: Request, response: Response, status: number, html: string): void {
  // One URL, one page per language: caches keep them apart.
  response.setHeader('Vary', 'Accept-Language');
  if (status !== 200) {
    response.status(status).setHeader('Cache-Control', 'no-store');
    response.type('html').send(html);
    return;
  }
  const etag = `"${createHash('sha256').update(html).digest('base64url')}"`;
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', CACHE_CONTROL);
  const matches = (request.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (matches.includes(etag) || matches.includes('*')) {
    response.status(304).end();
    return;
  }
  response.status(200).type('html').send(html);
}

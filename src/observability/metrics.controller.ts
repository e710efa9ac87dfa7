import { Controller, ForbiddenException, Get, Header, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/auth.decorators';
import { Env } from '../config/env';
import { MetricsService } from './metrics.service';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Prometheus scrape endpoint. Not behind sign-in (Prometheus has no desk account): with
 * METRICS_TOKEN set it needs `Authorization: Bearer <METRICS_TOKEN>`; without, only clients on
 * the loopback interface may read it.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly env: Env,
  ) {}

  /** The Prometheus metrics (request counts and durations, process and database figures) in the text format. */
  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4.', schema: { type: 'string' } })
  @ApiForbiddenResponse({ description: 'Wrong or missing METRICS_TOKEN, or (no token configured) a client not on loopback.' })
  async scrape(@Req() request: Request): Promise<string> {
    this.authorise(request);
    request.res?.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }

  private authorise(request: Request): void {
    const token = this.env.METRICS_TOKEN;
    if (token) {
      const given = /^Bearer\s+(\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const a = Buffer.from(given);
      const b = Buffer.from(token);
      if (a.length === b.length && timingSafeEqual(a, b)) return;
      throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: 'Send Authorization: Bearer <METRICS_TOKEN> to read /metrics.' });
    }
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
      throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: '/metrics answers loopback clients only; set METRICS_TOKEN to scrape it from elsewhere.' });
    }
  }
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { asyncContext } from '../common/async-context';
import { MetricsService } from './metrics.service';
import { requestIdFrom } from './request-id';

/**
 * The first handler of every request, mounted before the body parsers (configureApp) so that
 * even a request refused while its body is read (malformed JSON, too large) gets its request id,
 * its access-log line and its place in the metrics:
 * - `X-Request-Id`: the caller's (when sane) or a new UUID, set as `request.id` (which the
 *   exception filter reuses) and echoed in the response; the lines logged while handling it carry it;
 * - one JSON `request completed` line per request (`request failed`, level error, for a 5xx):
 *   method, URL, status, time; never headers or bodies;
 * - the latency histogram by route pattern, 5xx and login failures (MetricsService).
 */
export function httpObserver(metrics: MetricsService, log: Logger): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const id = requestIdFrom(request.headers['x-request-id']);
    (request as Request & { id: string }).id = id;
    response.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const routePath = (request.route as { path?: string } | undefined)?.path;
      // A handler that answers before the router (the sign-in shield) names its route in `locals.route`.
      const route = routePath ? `${request.baseUrl ?? ''}${routePath}` : ((response.locals.route as string | undefined) ?? 'unmatched');
      metrics.observeRequest(request.method, route, response.statusCode, seconds);
      const line = {
        requestId: id,
        req: { method: request.method, url: request.originalUrl, remoteAddress: request.socket.remoteAddress },
        res: { statusCode: response.statusCode },
        responseTime: Math.round(seconds * 1000),
      };
      // A sign-in refused while the hash queue is full (503, login-shield.ts) is load shed on purpose, not a failure.
      if (response.statusCode >= 500 && !response.locals.shed) log.error(line, 'request failed');
      else log.info(line, 'request completed');
    });
    // Everything that handles the request runs in its context: log lines written meanwhile carry its id.
    asyncContext.run({ requestId: id }, next);
  };
}

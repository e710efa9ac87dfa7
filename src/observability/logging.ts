import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Env } from '../config/env';
import { requestIdFrom } from './request-id';

/** Every path, in Nest 11's route syntax. */
export const ALL_ROUTES = [{ path: '{*splat}', method: RequestMethod.ALL }];

/**
 * JSON log lines on stdout (pino): one `request completed` line per request with method, URL,
 * status and time, and `requestId` on every line logged while handling a request (Nest's Logger
 * is routed through pino). Headers, bodies and cookies are never logged: sign-in tokens and
 * passwords stay out of the logs.
 */
export function loggingParams(env: Pick<Env, 'LOG_LEVEL'>): Params {
  return {
    forRoutes: ALL_ROUTES,
    pinoHttp: {
      level: env.LOG_LEVEL,
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const id = requestIdFrom(request.headers['x-request-id']);
        response.setHeader('X-Request-Id', id);
        return id;
      },
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId' },
      customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
      customSuccessMessage: () => 'request completed',
      customErrorMessage: () => 'request failed',
      serializers: {
        req: (request: { method: string; url: string; remoteAddress?: string }) => ({ method: request.method, url: request.url, remoteAddress: request.remoteAddress }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
        // pino-http invents an Error for every 5xx; its stack says nothing, the filter logs the real cause.
        err: (error: { message?: string }) => ({ message: error.message }),
      },
    },
  };
}

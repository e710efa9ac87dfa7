import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { Env } from '../config/env';
import { requestIdFrom } from './request-id';

/** Every path, in Nest 11's route syntax. */
export const ALL_ROUTES = [{ path: '{*splat}', method: RequestMethod.ALL }];

/**
 * JSON log lines on stdout (pino): Nest's Logger is routed through pino, and every line logged
 * while handling a request carries its `requestId` (the id httpObserver gave the request). The
 * access line itself is httpObserver's, so pino-http's own is off.
 */
export function loggingParams(env: Pick<Env, 'LOG_LEVEL'>): Params {
  return {
    forRoutes: ALL_ROUTES,
    // Written synchronously to stdout, as Node writes process.stdout to a pipe or file: the lines stay
    // in order with anything else the process prints (the first start's banner comes last).
    pinoHttp: [
      {
        level: env.LOG_LEVEL,
        autoLogging: false,
        genReqId: (request: IncomingMessage & { id?: unknown }) => (typeof request.id === 'string' ? request.id : requestIdFrom(request.headers['x-request-id'])),
        quietReqLogger: true,
        customAttributeKeys: { reqId: 'requestId' },
      },
      pino.destination({ dest: 1, sync: true }),
    ],
  };
}

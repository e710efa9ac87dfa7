import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

/**
 * Express's adapter, with one shortcut: an object a handler returns (every JSON answer of the
 * API) is written with one `JSON.stringify` and one `end()`. Express's `res.json()` gets there
 * through `res.send()`, which parses and formats the Content-Type it has just set, turns the text
 * into a Buffer to measure it and looks for an ETag to compare; here the ETag is off
 * (configureApp), Node measures the text itself, and the bytes on the wire are the same.
 * Anything else (no body, a stream, an error object, HEAD, a 204 or 304, a Content-Type the
 * handler chose) goes through Express as before.
 */
export class LeanExpressAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (
      body === null ||
      typeof body !== 'object' ||
      body instanceof StreamableFile ||
      body instanceof Error ||
      response.req.method === 'HEAD' ||
      response.getHeader('Content-Type') !== undefined
    ) {
      return super.reply(response, body, statusCode);
    }
    const status = statusCode ?? response.statusCode;
    if (status === 204 || status === 304) return super.reply(response, body, statusCode);
    response.statusCode = status;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    return response.end(JSON.stringify(body));
  }
}

import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { JsonText } from './json-text';

/**
 * Express's adapter, with one shortcut: an object a handler returns (every JSON answer of the
 * API) is written with one `JSON.stringify` and one `end()`. Express's `res.json()` gets there
 * through `res.send()`, which parses and formats the Content-Type it has just set, turns the text
 * into a Buffer to measure it and looks for an ETag to compare; here the ETag is off
 * (configureApp), Node measures the text itself, and the bytes on the wire are the same.
 *
 * A JsonText (a page the database wrote as JSON) is sent as its text.
 *
 * Everything else goes through Express as before: no body, a stream, an Error, HEAD, a 204 or
 * 304, a Content-Type the handler chose, a conditional request (`If-None-Match: *` is answered
 * 304 by Express even without ETags), and any app that sets an ETag function or a `json …`
 * setting. Error answers never come here: AllExceptionsFilter writes them with `res.json()`.
 */
export class LeanExpressAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    const status = statusCode ?? response.statusCode;
    if (
      body === null ||
      typeof body !== 'object' ||
      body instanceof StreamableFile ||
      body instanceof Error ||
      status === 204 ||
      status === 304 ||
      response.getHeader('Content-Type') !== undefined ||
      response.req.method === 'HEAD' ||
      conditional(response.req) ||
      expressWouldChange(response)
    ) {
      return super.reply(response, body, statusCode);
    }
    response.statusCode = status;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    return response.end(body instanceof JsonText ? body.text : JSON.stringify(body));
  }
}

/** A request Express may answer 304 (res.send checks its freshness). */
function conditional(request: Request): boolean {
  return request.headers['if-none-match'] !== undefined || request.headers['if-modified-since'] !== undefined;
}

/** Settings that make res.json() write something else than JSON.stringify(body), or add an ETag. */
function expressWouldChange(response: Response): boolean {
  const app = response.app;
  return Boolean(app.get('etag fn') || app.get('json replacer') || app.get('json spaces') || app.get('json escape'));
}

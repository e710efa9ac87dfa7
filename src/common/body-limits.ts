import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json, urlencoded } from 'express';

/**
 * Request bodies are bounded before anything validates them: a size per route (a sign-in needs a
 * few hundred bytes; only article texts are large), and for JSON a nesting depth and a count of
 * members, checked by scanning the raw bytes before JSON.parse runs. A body 2,000 levels deep or
 * with 125,000 keys is refused in a few milliseconds with a 4xx instead of reaching the
 * validation pipe (which recursed until the stack overflowed, or built 125,000 errors).
 */
export const BODY_LIMITS = {
  /** Sign-in, API and web form. */
  login: 4 * 1024,
  /** An article's text (up to 500,000 characters): creating an article, and changing its text before claims anchor to it. */
  article: 2 * 1024 * 1024,
  /** Everything else. */
  default: 256 * 1024,
  /** Deepest JSON nesting accepted (a claim with its chain is 3). */
  maxDepth: 32,
  /** Most object members plus array elements in one JSON body. */
  maxMembers: 10_000,
};

/**
 * Tells whether a request carries a valid sign-in (bearer token or session cookie). Only signed-in
 * requests get more than the sign-in limit: an anonymous request can only be refused, so its body
 * is not worth reading, and a 2 MB anonymous body is answered 413 from its Content-Length alone.
 */
export type SignedInCheck = (request: Request) => Promise<boolean>;

/** The size limit for a request, by method and path. */
export function bodyLimitFor(method: string, path: string): number {
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return BODY_LIMITS.default;
  if (path === '/api/auth/login' || path === '/login') return BODY_LIMITS.login;
  if (method === 'POST' && (path === '/api/articles' || path === '/articles')) return BODY_LIMITS.article;
  if (method === 'PATCH' && /^\/api\/articles\/\d+$/.test(path)) return BODY_LIMITS.article;
  return BODY_LIMITS.default;
}

export type ShapeProblem = { reason: string } | null;

/**
 * Scans raw JSON for its nesting depth and number of members without parsing it; stops at the
 * first excess. Strings (with escapes) are skipped, so brackets inside them do not count. The
 * bytes are read as latin1 (UTF-8's multi-byte sequences never contain ASCII), and a native
 * regular expression and indexOf jump between structural characters, so a 2 MB string costs
 * about a millisecond.
 */
export function scanJsonShape(bytes: Uint8Array, maxDepth = BODY_LIMITS.maxDepth, maxMembers = BODY_LIMITS.maxMembers): ShapeProblem {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const structural = /["{}[\]:,]/g;
  let depth = 0;
  let members = 0;
  for (let match = structural.exec(text); match !== null; match = structural.exec(text)) {
    switch (match[0]) {
      case '"': {
        // Jump to the closing quote: the first one preceded by an even number of backslashes.
        let from = match.index + 1;
        for (;;) {
          const end = text.indexOf('"', from);
          if (end < 0) return null; // unterminated: JSON.parse reports it
          let backslashes = 0;
          while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
          from = end + 1;
          if (backslashes % 2 === 0) break;
        }
        structural.lastIndex = from;
        break;
      }
      case '{':
      case '[':
        if (++depth > maxDepth) return { reason: `nested deeper than ${maxDepth} levels` };
        break;
      case '}':
      case ']':
        depth--;
        break;
      default: // ':' one object member, ',' one more member or element
        if (++members > maxMembers) return { reason: `more than ${maxMembers} members (keys and array elements)` };
    }
  }
  return null;
}

/** An error body-parser passes on with its status and type; the exception filter answers it (see exceptionResponse). */
export class BodyShapeError extends Error {
  readonly status = 400;
  readonly statusCode = 400;
  readonly expose = true;
  readonly type = 'entity.shape.refused';
}

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`);

/** body-parser's own test (type-is hasBody): a Transfer-Encoding, or a Content-Length that is a number, 0 included. */
function parsersRead(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(request.headers['content-length']));
}

/** A body with bytes in it: a Transfer-Encoding or a non-zero Content-Length. */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function byLimit(make: (limit: number) => RequestHandler, signedIn?: SignedInCheck): RequestHandler {
  const parsers = new Map<number, RequestHandler>();
  const parse = (limit: number, request: Request, response: Response, next: NextFunction) => {
    let parser = parsers.get(limit);
    if (!parser) parsers.set(limit, (parser = make(limit)));
    parser(request, response, (error?: unknown) => {
      if (error && (error as { type?: string }).type === 'entity.too.large') {
        (error as { message: string }).message = `The request body is larger than the ${kb(limit)} this route accepts${
          limit === BODY_LIMITS.login && bodyLimitFor(request.method, request.path) > limit ? ' without signing in' : ''
        }.`;
      }
      next(error);
    });
  };
  return (request: Request, response: Response, next: NextFunction) => {
    // No body (a GET, a bodiless DELETE): the parsers would skip it too, after their own checks; most requests are these.
    if (!parsersRead(request)) return next();
    const limit = bodyLimitFor(request.method, request.path);
    // An empty body (Content-Length: 0) is nothing to bound either, so no sign-in look-up for it.
    if (limit <= BODY_LIMITS.login || !signedIn || !hasBody(request)) return parse(limit, request, response, next);
    signedIn(request).then(
      (yes) => parse(yes ? limit : BODY_LIMITS.login, request, response, next),
      (error: unknown) => next(error),
    );
  };
}

/** JSON bodies: the route's size limit, then the depth and member scan, then JSON.parse. */
export function jsonBodies(signedIn?: SignedInCheck): RequestHandler {
  return byLimit((limit) =>
    json({
      limit,
      verify: (_request, _response, buffer) => {
        const problem = scanJsonShape(buffer);
        if (problem) throw new BodyShapeError(`The JSON body is refused: ${problem.reason}.`);
      },
    }),
    signedIn,
  );
}

/** Web form bodies (flat fields only), with the same per-route sizes. */
export function formBodies(signedIn?: SignedInCheck): RequestHandler {
  return byLimit((limit) => urlencoded({ extended: false, limit, parameterLimit: 1000 }), signedIn);
}

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
 * first excess. Strings (with escapes) are skipped, so brackets inside them do not count.
 */
export function scanJsonShape(bytes: Uint8Array, maxDepth = BODY_LIMITS.maxDepth, maxMembers = BODY_LIMITS.maxMembers): ShapeProblem {
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c) i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
      continue;
    }
    switch (b) {
      case 0x22: // "
        inString = true;
        break;
      case 0x7b: // {
      case 0x5b: // [
        if (++depth > maxDepth) return { reason: `nested deeper than ${maxDepth} levels` };
        break;
      case 0x7d: // }
      case 0x5d: // ]
        depth--;
        break;
      case 0x3a: // : one object member
      case 0x2c: // , one more member or element
        if (++members > maxMembers) return { reason: `more than ${maxMembers} members (keys and array elements)` };
        break;
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

function byLimit(make: (limit: number) => RequestHandler): RequestHandler {
  const parsers = new Map<number, RequestHandler>();
  return (request: Request, response: Response, next: NextFunction) => {
    const limit = bodyLimitFor(request.method, request.path);
    let parser = parsers.get(limit);
    if (!parser) parsers.set(limit, (parser = make(limit)));
    parser(request, response, (error?: unknown) => {
      if (error && (error as { type?: string }).type === 'entity.too.large') {
        (error as { message: string }).message = `The request body is larger than the ${kb(limit)} this route accepts.`;
      }
      next(error);
    });
  };
}

/** JSON bodies: the route's size limit, then the depth and member scan, then JSON.parse. */
export function jsonBodies(): RequestHandler {
  return byLimit((limit) =>
    json({
      limit,
      verify: (_request, _response, buffer) => {
        const problem = scanJsonShape(buffer);
        if (problem) throw new BodyShapeError(`The JSON body is refused: ${problem.reason}.`);
      },
    }),
  );
}

/** Web form bodies (flat fields only), with the same per-route sizes. */
export function formBodies(): RequestHandler {
  return byLimit((limit) => urlencoded({ extended: false, limit, parameterLimit: 1000 }));
}
